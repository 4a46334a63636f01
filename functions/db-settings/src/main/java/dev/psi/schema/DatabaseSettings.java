package dev.psi.schema;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the PSI database is, read from the environment names the cluster's ConfigMap uses.
 * The one place that turns those settings into a Connector/J URL, so that migrations, functions
 * and tests all talk to MySQL 8 and MariaDB 10.11 the same way.
 */
public record DatabaseSettings(String host, int port, String name, String user, String password) {

    /**
     * MySQL 8's default sql_mode. MariaDB's default is laxer; pinning the session to MySQL's
     * means that SQL which passes on the development MariaDB also passes on production MySQL.
     */
    public static final String MYSQL8_SQL_MODE =
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                    + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    public DatabaseSettings {
        if (!name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("database name must be 1-64 letters, digits or underscores: " + name);
        }
    }

    public static DatabaseSettings fromEnvironment() {
        return from(System::getenv);
    }

    public static DatabaseSettings from(Function<String, String> env) {
        Function<String, Optional<String>> get = key -> Optional.ofNullable(env.apply(key)).filter(v -> !v.isBlank());
        return new DatabaseSettings(
                get.apply("DATABASE_HOST").orElse("127.0.0.1"),
                Integer.parseInt(get.apply("DATABASE_PORT").orElse("3306")),
                get.apply("DATABASE_NAME").orElse("psi"),
                get.apply("DATABASE_USER").orElse("root"),
                get.apply("DATABASE_PASSWORD").orElse(""));
    }

    public DatabaseSettings withName(String otherName) {
        return new DatabaseSettings(host, port, otherName, user, password);
    }

    public DatabaseSettings withHost(String otherHost) {
        return new DatabaseSettings(otherHost, port, name, user, password);
    }

    /** The URL of this database. */
    public String jdbcUrl() {
        return serverUrl().replace("/?", "/" + name + "?");
    }

    /** A URL of the server without a default schema, for creating the database itself. */
    public String serverUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?" + String.join("&", Map.of(
                "connectionTimeZone", "UTC",
                "forceConnectionTimeZoneToSession", "true",
                "characterEncoding", "utf8",
                "sessionVariables", "sql_mode='" + MYSQL8_SQL_MODE + "'",
                "allowPublicKeyRetrieval", "true",
                "rewriteBatchedStatements", "true",
                "tcpKeepAlive", "true",
                "connectTimeout", "5000",
                // the driver's own OpenTelemetry hook would look up GlobalOpenTelemetry on the first connection
                // (a no-op here: the functions' spans come from Micronaut's tracing module, README "Tracing")
                "openTelemetry", "DISABLED")
                .entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + user + "@" + host + ":" + port + "/" + name + "]";
    }
}

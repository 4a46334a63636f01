package dev.psi.kernel.db;

import dev.psi.schema.DatabaseSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code psi.database.*}, which the kernel's defaults fill from DATABASE_HOST, DATABASE_PORT,
 * DATABASE_NAME, DATABASE_USER, DATABASE_PASSWORD and DATABASE_REPLICA_HOST.
 */
@ConfigurationProperties("psi.database")
public final class DatabaseConfiguration {

    private String host = "127.0.0.1";
    private int port = 3306;
    private String name = "psi";
    private String user = "root";
    private String password = "";
    @Nullable
    private String replicaHost;
    private int poolSize = 10;
    private boolean migrateAtStartup;

    public DatabaseSettings primary() {
        return new DatabaseSettings(host, port, name, user, password == null ? "" : password);
    }

    /** The read replica's settings, or empty when no replica is configured. */
    public java.util.Optional<DatabaseSettings> replica() {
        return replicaHost == null || replicaHost.isBlank()
                ? java.util.Optional.empty()
                : java.util.Optional.of(primary().withHost(replicaHost));
    }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    @Nullable public String getReplicaHost() { return replicaHost; }
    public void setReplicaHost(@Nullable String replicaHost) { this.replicaHost = replicaHost; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    public boolean isMigrateAtStartup() { return migrateAtStartup; }
    public void setMigrateAtStartup(boolean migrateAtStartup) { this.migrateAtStartup = migrateAtStartup; }
}

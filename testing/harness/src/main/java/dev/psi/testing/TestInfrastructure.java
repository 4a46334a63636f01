package dev.psi.testing;

import dev.psi.embedded.Infrastructure;
import dev.psi.embedded.Options;
import dev.psi.embedded.Probe;
import dev.psi.embedded.Service;
import dev.psi.schema.DatabaseSettings;
import dev.psi.schema.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real services of one test JVM: a MySQL-compatible database with a schema of this run's own
 * (migrated once, dropped at exit), Redis and, on first request, a Kafka broker. Each comes from
 * the environment (DATABASE_HOST..., REDIS_HOST, KAFKA_BOOTSTRAP_SERVERS), from Testcontainers when
 * a Docker engine answers, from this machine's default addresses (MariaDB on 127.0.0.1:3306, Redis
 * on 6379, a broker on 19092 that .ci/run starts for the whole build), or else from the embedded
 * servers of {@code local/embedded}: MariaDB, Redis and a broker started from Maven artifacts, so
 * that the tests pass on a machine with only a JDK. {@code PSI_EMBEDDED=when-absent} also replaces
 * configured services that do not answer. Finding and starting is {@link Infrastructure}'s job;
 * this class adds what tests need: a database per JVM and the properties for a function under test.
 */
public final class TestInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
    private static TestInfrastructure instance;

    private final Function<String, String> env;
    private final boolean docker;
    private final Infrastructure infrastructure;
    private final DatabaseSettings database;
    private String kafkaBootstrapServers;

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure(System::getenv);
        }
        return instance;
    }

    private TestInfrastructure(Function<String, String> env) {
        this.docker = dockerAnswers(env);
        this.env = docker ? withContainers(env) : env;
        try {
            // The embedded servers' data is shared by every test JVM of this user (one MariaDB, unpacked
            // once); each JVM works in a database of its own.
            infrastructure = Infrastructure.start(Options.in(dataDir(env))
                    .env(this.env)
                    .probe(Probe.DEFAULTS)
                    .logDir(Path.of("target", "test-infrastructure").toAbsolutePath())
                    .persistentKafka(false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test infrastructure", e);
        }
        database = createDatabase(infrastructure.database());
        LOG.info("test infrastructure: {} (database {})", infrastructure.services(), database.name());
    }

    /** This run's database: created and migrated, dropped when the JVM exits. */
    public DatabaseSettings database() {
        return database;
    }

    public String redisHost() {
        return infrastructure.redisHost();
    }

    public int redisPort() {
        return infrastructure.redisPort();
    }

    /** A Kafka broker's bootstrap servers; the broker is found or started on the first call. */
    public synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            if (docker && !isSet("KAFKA_BOOTSTRAP_SERVERS")) {
                var container = new KafkaContainer("apache/kafka:4.1.0");
                container.start();
                kafkaBootstrapServers = container.getBootstrapServers();
            } else {
                kafkaBootstrapServers = infrastructure.kafkaBootstrapServers();
            }
        }
        return kafkaBootstrapServers;
    }

    /** Where each service came from (configured, found, embedded), for tests of the harness itself. */
    public List<Service> services() {
        return infrastructure.services();
    }

    /** A plain JDBC connection to this run's database, for assertions on what a function stored. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** Micronaut properties that point a function under test at these services. */
    public Map<String, Object> properties(boolean withKafka) {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("psi.database.host", database.host());
        properties.put("psi.database.port", database.port());
        properties.put("psi.database.name", database.name());
        properties.put("psi.database.user", database.user());
        properties.put("psi.database.password", database.password());
        properties.put("psi.redis.host", redisHost());
        properties.put("psi.redis.port", redisPort());
        properties.put("micronaut.server.port", -1);
        properties.put("psi.auth.jwt-secret", TestTokens.secret());
        properties.put("psi.auth.internal-token", TestTokens.internal());
        if (withKafka) {
            properties.put("psi.kafka.bootstrap-servers", kafkaBootstrapServers());
        } else {
            // No broker for this test: leave outbox rows pending instead of trying one after every commit.
            properties.put("psi.outbox.publish-after-commit", false);
        }
        return properties;
    }

    private DatabaseSettings createDatabase(DatabaseSettings server) {
        String runName = "psi_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        var settings = server.withName(runName);
        try {
            Migrator.migrate(settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("No MySQL-compatible database for the tests at " + server
                    + ". Start MariaDB (see .ci/run), set DATABASE_HOST, DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD,"
                    + " or set " + Infrastructure.SWITCH + "=when-absent to use an embedded one instead.", e);
        }
        if (!"true".equals(env.apply("PSI_KEEP_TEST_DATABASE"))) {
            // before the embedded server (if it is one) stops
            infrastructure.atClose(() -> Migrator.dropDatabase(settings));
        }
        return settings;
    }

    /** The environment with the addresses of containers for the database and Redis that it does not name. */
    private static Function<String, String> withContainers(Function<String, String> env) {
        var containers = new HashMap<String, String>();
        if (!isSet(env, "DATABASE_HOST")) {
            var container = new MySQLContainer<>("mysql:8.0").withUsername("root").withPassword("test");
            container.start();
            containers.putAll(Map.of("DATABASE_HOST", container.getHost(),
                    "DATABASE_PORT", String.valueOf(container.getMappedPort(3306)),
                    "DATABASE_USER", "root", "DATABASE_PASSWORD", "test"));
        }
        if (!isSet(env, "REDIS_HOST")) {
            var container = new GenericContainer<>("redis:7").withExposedPorts(6379);
            container.start();
            containers.putAll(Map.of("REDIS_HOST", container.getHost(), "REDIS_PORT", String.valueOf(container.getMappedPort(6379))));
        }
        return name -> containers.containsKey(name) ? containers.get(name) : env.apply(name);
    }

    /** PSI_TEST_DATA_DIR, else ~/.cache/psi/test-data: kept between runs so that MariaDB is installed once. */
    private static Path dataDir(Function<String, String> env) {
        return isSet(env, "PSI_TEST_DATA_DIR") ? Path.of(env.apply("PSI_TEST_DATA_DIR"))
                : Path.of(System.getProperty("user.home"), ".cache", "psi", "test-data");
    }

    private static boolean dockerAnswers(Function<String, String> env) {
        // Asking Testcontainers costs 1-2 s when no engine exists; skip it where none can be.
        boolean candidate = isSet(env, "DOCKER_HOST") || Files.exists(Path.of("/var/run/docker.sock"));
        if (!candidate || "false".equals(env.apply("PSI_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean isSet(String name) {
        return isSet(env, name);
    }

    private static boolean isSet(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value != null && !value.isBlank();
    }
}

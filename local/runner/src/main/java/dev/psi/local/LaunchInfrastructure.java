package dev.psi.local;

import dev.psi.kafka.BrokerProcess;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The database, Redis and Kafka of a launch. INTERIM: the configured services (DATABASE_*, REDIS_*, defaults
 * 127.0.0.1) and a broker of its own under the data directory unless KAFKA_BOOTSTRAP_SERVERS is set; to be backed
 * by local/embedded.
 */
final class LaunchInfrastructure implements AutoCloseable {

    private static final String TOPICS = "psi.purchase-orders,psi.sales-orders,psi.stock";

    private final DatabaseSettings database;
    private final String redisHost;
    private final int redisPort;
    private final BrokerProcess broker;
    private final String kafka;

    private LaunchInfrastructure(DatabaseSettings database, String redisHost, int redisPort, BrokerProcess broker,
                                 String kafka) {
        this.database = database;
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.broker = broker;
        this.kafka = kafka;
    }

    static LaunchInfrastructure start(LaunchOptions options) throws IOException {
        String redisHost = Optional.ofNullable(System.getenv("REDIS_HOST")).orElse("127.0.0.1");
        int redisPort = Integer.parseInt(Optional.ofNullable(System.getenv("REDIS_PORT")).orElse("6379"));
        String configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        BrokerProcess broker = null;
        if (configured == null || configured.isBlank()) {
            broker = BrokerProcess.start(BrokerProcess.freePort(), options.dataDir().resolve("logs/kafka.log"),
                    "--data-dir", options.dataDir().resolve("kafka").toString(), "--topics", TOPICS,
                    "--partitions", "3");
        }
        return new LaunchInfrastructure(DatabaseSettings.fromEnvironment(), redisHost, redisPort, broker,
                broker == null ? configured : broker.bootstrapServers());
    }

    DatabaseSettings database() {
        return database;
    }

    String redisHost() {
        return redisHost;
    }

    int redisPort() {
        return redisPort;
    }

    String kafkaBootstrapServers() {
        return kafka;
    }

    /** Rows for the start-up table: name, address, source, pid. */
    List<String[]> services() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"mariadb", database.host() + ":" + database.port() + "/" + database.name(), "configured", "-"});
        rows.add(new String[] {"redis", redisHost + ":" + redisPort, "configured", "-"});
        rows.add(new String[] {"kafka", kafka, broker == null ? "configured" : "embedded",
                broker == null ? "-" : String.valueOf(broker.pid())});
        return rows;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.stop();
        }
    }
}

package dev.psi.local;

import dev.psi.embedded.Infrastructure;
import dev.psi.embedded.Options;
import java.io.IOException;
import java.util.List;

/**
 * The database, Redis and Kafka of a launch, from local/embedded: the configured services when DATABASE_HOST,
 * REDIS_HOST or KAFKA_BOOTSTRAP_SERVERS are set, else embedded servers with their data under the data directory
 * ({@code --fresh} wipes it). Kafka is started at once, so that it is up before the functions.
 */
final class LaunchInfrastructure {

    static final List<String> TOPICS = List.of("psi.purchase-orders", "psi.sales-orders", "psi.stock");

    private LaunchInfrastructure() {
    }

    static Infrastructure start(LaunchOptions options) throws IOException {
        Infrastructure infrastructure = Infrastructure.start(Options.in(options.dataDir()).fresh(options.fresh())
                .kafkaTopics(TOPICS, LocalSystem.DEFAULT_PARTITIONS));
        try {
            infrastructure.kafkaBootstrapServers();
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    /** Rows for the start-up table: name, address, how it came, pid. */
    static List<String[]> rows(Infrastructure infrastructure) {
        return infrastructure.services().stream().map(s -> new String[] {s.name(), s.address(),
                s.source().name().toLowerCase(), s.pid() < 0 ? "-" : String.valueOf(s.pid())}).toList();
    }
}

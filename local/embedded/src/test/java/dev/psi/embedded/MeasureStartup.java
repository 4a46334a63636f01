package dev.psi.embedded;

import java.nio.file.Path;
import java.util.List;

/**
 * Prints how long the embedded infrastructure takes to start: on a machine that never ran it (an
 * empty cache: unpack and install), again on the same data, fresh, and joined by a second user.
 * Not a test; run it by hand (see README of local/embedded in the report):
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.psi.embedded.MeasureStartup DIR}
 */
public final class MeasureStartup {

    private MeasureStartup() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target/measure").toAbsolutePath();
        SharedServer.deleteRecursively(root);
        Options options = Options.in(root.resolve("data")).cacheDir(root.resolve("cache"))
                .env(System.getenv()::get).kafkaTopics(List.of("psi.purchase-orders", "psi.sales-orders", "psi.stock"), 3);
        try (var first = time("first start, empty cache (unpack, install, start MariaDB and Redis)", options)) {
            long begin = System.nanoTime();
            first.kafkaBootstrapServers();
            System.out.printf("%-75s %6d ms%n", "Kafka broker, first start (3 topics)", (System.nanoTime() - begin) / 1_000_000);
            time("second user of the same data directory (joins the running servers)", options).close();
        }
        time("restart on the same data", options).close();
        time("restart, fresh (data wiped, empty data directory copied)", options.fresh(true)).close();
        SharedServer.deleteRecursively(root.resolve("data"));
        time("new data directory, warm cache (copy the installed one)", options).close();
    }

    private static Infrastructure time(String what, Options options) throws Exception {
        long begin = System.nanoTime();
        var infrastructure = Infrastructure.start(options);
        System.out.printf("%-75s %6d ms%n", what, (System.nanoTime() - begin) / 1_000_000);
        return infrastructure;
    }
}

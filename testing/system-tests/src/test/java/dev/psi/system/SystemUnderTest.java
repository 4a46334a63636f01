package dev.psi.system;

import dev.psi.dispatcher.Dispatcher;
import dev.psi.dispatcher.KafkaSources;
import dev.psi.kafka.BrokerProcess;
import dev.psi.schema.DatabaseSettings;
import dev.psi.testing.Api;
import dev.psi.testing.FunctionProcess;
import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PSI as it runs in the cluster, on this machine: each function a process of its own from its
 * runnable jar, a Kafka broker this JVM owns (so a test can stop and restart it), and the
 * dispatcher delivering events exactly as the KafkaSources in {@code knative/} declare. The
 * PingSource's outbox sweep is {@link #sweep()}. One instance per JVM, started on first use.
 */
final class SystemUnderTest {

    static final List<String> FUNCTIONS = List.of("catalog", "stock-adjust", "inventory-query", "order-create", "order-workflow");
    static final List<String> PRODUCERS = List.of("order-create", "order-workflow", "stock-adjust");
    private static final String TOPICS = "psi.purchase-orders,psi.sales-orders,psi.stock";
    private static SystemUnderTest instance;

    private final Path root;
    private final Path work;
    private final int kafkaPort;
    private final Path kafkaData;
    private BrokerProcess kafka;
    private final Map<String, FunctionProcess> functions = new ConcurrentHashMap<>();
    private final Dispatcher dispatcher;

    static synchronized SystemUnderTest get() {
        if (instance == null) {
            try {
                instance = new SystemUnderTest();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private SystemUnderTest() throws IOException {
        root = Path.of(System.getProperty("psi.root", "../..")).toAbsolutePath().normalize();
        work = Files.createDirectories(root.resolve("testing/system-tests/target/system"));
        var infrastructure = TestInfrastructure.get();
        kafkaPort = BrokerProcess.freePort();
        kafkaData = Files.createTempDirectory(work, "kafka-data-");
        startKafka();
        DatabaseSettings db = infrastructure.database();
        var env = new LinkedHashMap<String, String>();
        env.put("DATABASE_HOST", db.host());
        env.put("DATABASE_PORT", String.valueOf(db.port()));
        env.put("DATABASE_NAME", db.name());
        env.put("DATABASE_USER", db.user());
        env.put("DATABASE_PASSWORD", db.password());
        env.put("REDIS_HOST", infrastructure.redisHost());
        env.put("REDIS_PORT", String.valueOf(infrastructure.redisPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        for (String name : FUNCTIONS) {
            functions.put(name, FunctionProcess.start(name, FunctionProcess.jarOf(root, name), freePort(), env,
                    work.resolve(name + ".log")));
        }
        for (FunctionProcess function : functions.values()) {
            function.awaitReady(Duration.ofSeconds(90));
        }
        dispatcher = Dispatcher.start(KafkaSources.load(root.resolve("knative")), kafka.bootstrapServers(),
                service -> Optional.ofNullable(functions.get(service)).map(FunctionProcess::uri));
        try {
            if (!dispatcher.awaitAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the dispatcher's consumers got no partitions");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // The PingSources of knative/ping-sources.yaml, every two seconds instead of every minute.
        pinger.scheduleWithFixedDelay(this::sweepQuietly, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-system"));
    }

    private final java.util.concurrent.ScheduledExecutorService pinger =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "ping-source");
                thread.setDaemon(true);
                return thread;
            });

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // a function restarting or Kafka away: the next ping tries again
        }
    }

    Api api(String function, String tenant) {
        return new Api(uri(function), tenant);
    }

    URI uri(String function) {
        return functions.get(function).uri();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** What the PingSources do once a minute: every producer publishes what is left in its outbox. */
    void sweep() {
        for (String producer : PRODUCERS) {
            new Api(uri(producer), "demo").post("/outbox/sweep", "{}");
        }
    }

    synchronized void stopKafka() {
        kafka.stop();
    }

    synchronized void startKafka() throws IOException {
        kafka = BrokerProcess.start(kafkaPort, work.resolve("kafka.log"), "--data-dir", kafkaData.toString(),
                "--topics", TOPICS, "--partitions", "3");
    }

    private void stop() {
        pinger.shutdownNow();
        dispatcher.close();
        functions.values().forEach(FunctionProcess::close);
        kafka.stop();
        try {
            deleteRecursively(kafkaData);
        } catch (IOException e) {
            // a temp dir under target/: mvn clean removes it
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

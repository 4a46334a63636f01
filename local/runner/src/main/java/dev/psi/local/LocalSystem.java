package dev.psi.local;

import dev.psi.dispatcher.Dispatcher;
import dev.psi.dispatcher.DispatcherOptions;
import dev.psi.dispatcher.KafkaSources;
import dev.psi.kafka.BrokerProcess;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * PSI as it runs in the cluster, on one machine: each function a process of its own from its
 * runnable jar, a Kafka broker owned by this system (so it can be stopped and restarted), the
 * dispatcher delivering events exactly as the KafkaSources in {@code knative/} declare, and the
 * PingSources' outbox sweep on a timer. The database and Redis are given (they already run).
 */
public final class LocalSystem implements AutoCloseable {

    public static final List<String> FUNCTIONS = List.of("catalog", "stock-adjust", "inventory-query", "order-create", "order-workflow");
    public static final List<String> PRODUCERS = List.of("order-create", "order-workflow", "stock-adjust");
    private static final String TOPICS = "psi.purchase-orders,psi.sales-orders,psi.stock";

    /** Where things are and how they are reached. {@code ports} may fix a function's port (0 or absent: any free one). */
    public record Settings(Path root, Path work, DatabaseSettings database, String redisHost, int redisPort,
                           Map<String, Integer> ports, Duration sweepEvery) {
    }

    private final Settings settings;
    private final int kafkaPort;
    private final Path kafkaData;
    private BrokerProcess kafka;
    private final Map<String, FunctionProcess> functions = new ConcurrentHashMap<>();
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "ping-source");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** What the functions verify tokens with, and the event sources' credential: from the environment, else random. */
    private final String jwtSecret = secret("PSI_JWT_SECRET");
    private final String internalToken = secret("PSI_INTERNAL_TOKEN");

    public static LocalSystem start(Settings settings) throws IOException {
        return new LocalSystem(settings);
    }

    private LocalSystem(Settings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.work());
        kafkaPort = BrokerProcess.freePort();
        kafkaData = Files.createTempDirectory(settings.work(), "kafka-data-");
        startKafka();
        var env = new LinkedHashMap<String, String>();
        DatabaseSettings db = settings.database();
        env.put("DATABASE_HOST", db.host());
        env.put("DATABASE_PORT", String.valueOf(db.port()));
        env.put("DATABASE_NAME", db.name());
        env.put("DATABASE_USER", db.user());
        env.put("DATABASE_PASSWORD", db.password());
        env.put("REDIS_HOST", settings.redisHost());
        env.put("REDIS_PORT", String.valueOf(settings.redisPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PSI_JWT_SECRET", jwtSecret);
        env.put("PSI_INTERNAL_TOKEN", internalToken);
        for (String name : FUNCTIONS) {
            int port = settings.ports().getOrDefault(name, 0);
            functions.put(name, FunctionProcess.start(name, FunctionProcess.jarOf(settings.root(), name),
                    port == 0 ? freePort() : port, env, settings.work().resolve(name + ".log")));
        }
        for (FunctionProcess function : functions.values()) {
            function.awaitReady(Duration.ofSeconds(90));
        }
        dispatcher = Dispatcher.start(KafkaSources.load(settings.root().resolve("knative")), kafka.bootstrapServers(),
                service -> Optional.ofNullable(functions.get(service)).map(FunctionProcess::uri),
                DispatcherOptions.defaults().withInternalToken(internalToken));
        try {
            if (!dispatcher.awaitAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the dispatcher's consumers got no partitions");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long every = settings.sweepEvery().toMillis();
        pinger.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    public URI uri(String function) {
        return functions.get(function).uri();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The HS256 secret the functions verify bearer tokens with (mint development tokens with it). */
    public String jwtSecret() {
        return jwtSecret;
    }

    /** The internal credential of the functions' /events, dead-letter and /outbox/sweep endpoints. */
    public String internalToken() {
        return internalToken;
    }

    private static String secret(String variable) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the PingSources do: every producer publishes what is left in its outbox. */
    public void sweep() {
        for (String producer : PRODUCERS) {
            try {
                http.send(HttpRequest.newBuilder(uri(producer).resolve("/outbox/sweep"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + internalToken)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public synchronized void stopKafka() {
        kafka.stop();
    }

    public synchronized void startKafka() throws IOException {
        kafka = BrokerProcess.start(kafkaPort, settings.work().resolve("kafka.log"), "--data-dir", kafkaData.toString(),
                "--topics", TOPICS, "--partitions", "3");
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // a function restarting or Kafka away: the next ping tries again
        }
    }

    @Override
    public void close() {
        pinger.shutdownNow();
        dispatcher.close();
        functions.values().forEach(FunctionProcess::close);
        kafka.stop();
        try {
            deleteRecursively(kafkaData);
        } catch (IOException e) {
            // a temp dir under the work directory; harmless
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
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

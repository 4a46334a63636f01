package dev.psi.local;

import dev.psi.dispatcher.Dispatcher;
import dev.psi.dispatcher.DispatcherOptions;
import dev.psi.dispatcher.KafkaSources;
import dev.psi.kafka.BrokerProcess;
import dev.psi.local.child.ExitWithParent;
import dev.psi.schema.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * PSI as it runs in the cluster, on one machine: each function a supervised process of its own from its runnable
 * jar behind a stable address ({@link Activator}), a Kafka broker owned by this system unless one is given, the
 * dispatcher delivering events exactly as the KafkaSources in {@code knative/} declare, the PingSources' outbox
 * sweep on a timer, optionally scale to zero, and optionally the front door. The database and Redis are given.
 */
public final class LocalSystem implements AutoCloseable {

    /** The functions every run has, in the order of their default ports (8081 ...). */
    public static final List<String> FUNCTIONS = List.of("catalog", "order-create", "order-workflow", "stock-adjust",
            "inventory-query", "replenish", "reports", "finance");
    public static final List<String> PRODUCERS = List.of("order-create", "order-workflow", "stock-adjust");
    private static final String TOPICS = "psi.purchase-orders,psi.sales-orders,psi.stock";
    /** Partitions of each topic of a broker this system starts (a benchmark sweeps other counts). */
    public static final int DEFAULT_PARTITIONS = 6;

    /**
     * Where things are and how they are reached.
     *
     * @param ports         a function's stable port (0 or absent: any free one)
     * @param functions     the functions to run (see {@link #discover})
     * @param kafka         a broker to use, or null to start one here with its data in {@code kafkaData}
     *                      (null: a temp dir deleted on close)
     * @param scaleToZero   when present, functions start on their first request and stop after this idle time
     * @param frontDoorPort the front door's port (0: any free one), or -1 for none
     * @param console       the combined log stream, or null for log files only
     * @param partitions    partitions of each topic when this system starts the broker (ignored for a given one)
     */
    public record Settings(Path root, Path work, DatabaseSettings database, String redisHost, int redisPort,
                           Map<String, Integer> ports, Duration sweepEvery, List<String> functions, String kafka,
                           Path kafkaData, Optional<Duration> scaleToZero, int frontDoorPort, PrintStream console,
                           int partitions) {

        public Settings {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
        }

        /** With {@link #DEFAULT_PARTITIONS} per topic. */
        public Settings(Path root, Path work, DatabaseSettings database, String redisHost, int redisPort,
                        Map<String, Integer> ports, Duration sweepEvery, List<String> functions, String kafka,
                        Path kafkaData, Optional<Duration> scaleToZero, int frontDoorPort, PrintStream console) {
            this(root, work, database, redisHost, redisPort, ports, sweepEvery, functions, kafka, kafkaData,
                    scaleToZero, frontDoorPort, console, DEFAULT_PARTITIONS);
        }

        /** The functions, an own broker with {@link #DEFAULT_PARTITIONS}, always on, no front door, logs to files. */
        public Settings(Path root, Path work, DatabaseSettings database, String redisHost, int redisPort,
                        Map<String, Integer> ports, Duration sweepEvery) {
            this(root, work, database, redisHost, redisPort, ports, sweepEvery, FUNCTIONS, null, null, Optional.empty(),
                    -1, null, DEFAULT_PARTITIONS);
        }

        /** A copy whose own broker has {@code count} partitions per topic. */
        public Settings withPartitions(int count) {
            return new Settings(root, work, database, redisHost, redisPort, ports, sweepEvery, functions, kafka,
                    kafkaData, scaleToZero, frontDoorPort, console, count);
        }
    }

    private final Settings settings;
    private final LogSink logs;
    private final Optional<AotCaches> aot;
    private final int kafkaPort;
    private final Path kafkaData;
    private final boolean kafkaDataIsTemporary;
    private BrokerProcess kafka;
    private final String bootstrapServers;
    private final Map<String, Activator> activators = new LinkedHashMap<>();
    private Dispatcher dispatcher;
    private FrontDoor frontDoor;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, task -> {
        var thread = new Thread(task, "ping-source");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** What the functions verify tokens with, and the event sources' credential: from the environment, else random. */
    private final String jwtSecret = secret("PSI_JWT_SECRET");
    private final String internalToken = secret("PSI_INTERNAL_TOKEN");
    /** jwt (bearer tokens, the default) or local (X-Tenant-Id accepted): the launcher asks for local explicitly. */
    private final String authMode = System.getProperty("psi.auth.mode",
            System.getenv().getOrDefault("PSI_AUTH_MODE", "jwt"));

    public static LocalSystem start(Settings settings) throws IOException {
        var system = new LocalSystem(settings);
        try {
            system.startFunctions();
            system.startAll();
            return system;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The jar a function runs from: {@code functions/<name>/target/<name>.jar}, or {@code console/target/console.jar}. */
    public static Path jarOf(Path root, String name) {
        Path module = name.equals("console") ? root.resolve("console") : root.resolve("functions").resolve(name);
        return module.resolve("target").resolve(name + ".jar");
    }

    /**
     * Every function of this checkout: the six, then any other module under {@code functions/} that has built
     * {@code target/<module>.jar}, then the console when {@code console/target/console.jar} exists.
     */
    public static List<String> discover(Path root) throws IOException {
        List<String> names = new ArrayList<>(FUNCTIONS);
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            modules.map(p -> p.getFileName().toString()).sorted()
                    .filter(name -> !names.contains(name) && Files.isRegularFile(jarOf(root, name)))
                    .forEach(names::add);
        }
        if (Files.isRegularFile(jarOf(root, "console"))) {
            names.add("console");
        }
        return List.copyOf(names);
    }

    private LocalSystem(Settings settings) throws IOException {
        this.settings = settings;
        Files.createDirectories(settings.work());
        logs = new LogSink(settings.work().resolve("logs"), settings.console());
        aot = AotCaches.create(settings.work().resolve("aot"), logs);
        kafkaDataIsTemporary = settings.kafka() == null && settings.kafkaData() == null;
        kafkaData = settings.kafka() != null ? null
                : kafkaDataIsTemporary ? Files.createTempDirectory(settings.work(), "kafka-data-") : settings.kafkaData();
        kafkaPort = settings.kafka() == null ? BrokerProcess.freePort() : -1;
        if (settings.kafka() == null) {
            startKafka();
            bootstrapServers = kafka.bootstrapServers();
        } else {
            bootstrapServers = settings.kafka();
        }
    }

    private void startFunctions() throws IOException {
        Path childClasses = childEntryPointJar(settings.work().resolve("child-classes"));
        List<String> jvm = JvmFlags.of(settings.root());
        Map<String, String> env = new LinkedHashMap<>();
        DatabaseSettings db = settings.database();
        env.put("DATABASE_HOST", db.host());
        env.put("DATABASE_PORT", String.valueOf(db.port()));
        env.put("DATABASE_NAME", db.name());
        env.put("DATABASE_USER", db.user());
        env.put("DATABASE_PASSWORD", db.password());
        env.put("REDIS_HOST", settings.redisHost());
        env.put("REDIS_PORT", String.valueOf(settings.redisPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("PSI_JWT_SECRET", jwtSecret);
        env.put("PSI_INTERNAL_TOKEN", internalToken);
        env.put("PSI_AUTH_MODE", authMode);
        Proxy proxy = new Proxy();
        for (String name : settings.functions()) {
            var function = new ManagedFunction(name, jarOf(settings.root(), name), env, logs, childClasses, jvm,
                    PRODUCERS.contains(name) ? Optional.of("/outbox/sweep") : Optional.empty(), aot);
            activators.put(name, Activator.start(function, proxy, settings.ports().getOrDefault(name, 0)));
        }
    }

    private void startAll() throws IOException {
        if (settings.scaleToZero().isEmpty()) {
            for (Activator activator : activators.values()) {
                activator.function().start();
            }
            for (Activator activator : activators.values()) {
                try {
                    if (!activator.function().awaitReady(Duration.ofSeconds(120))) {
                        throw new IllegalStateException(activator.function().name() + " did not become ready; see "
                                + logs.fileOf(activator.function().name()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } else {
            Duration idle = settings.scaleToZero().get();
            timers.scheduleWithFixedDelay(() -> activators.values().forEach(a -> a.function().stopIfIdle(idle)),
                    1, 1, TimeUnit.SECONDS);
        }
        dispatcher = Dispatcher.start(KafkaSources.load(settings.root().resolve("knative")), bootstrapServers,
                service -> Optional.ofNullable(activators.get(service)).map(Activator::uri),
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
        timers.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
        if (settings.frontDoorPort() >= 0) {
            frontDoor = FrontDoor.start(settings.frontDoorPort(),
                    Routes.load(settings.root().resolve("k8s/api-routes.yaml")), activators, this::status,
                    new DevTokens(jwtSecret));
        }
        aot.ifPresent(AotCaches::systemUp);
    }

    /** A function's stable URL (its activator): reachable while the process behind it restarts or sleeps. */
    public URI uri(String function) {
        return activators.get(function).uri();
    }

    /** The front door's URL, e.g. {@code http://localhost:8080}; empty without one. */
    public Optional<URI> frontDoor() {
        return Optional.ofNullable(frontDoor).map(FrontDoor::uri);
    }

    public List<ManagedFunction.Status> functions() {
        return activators.values().stream().map(a -> a.function().status()).toList();
    }

    /** The function's process, to be killed by a test of supervision. */
    public ManagedFunction function(String name) {
        return activators.get(name).function();
    }

    /** Partitions per topic of the broker this system started. */
    public int partitions() {
        return settings.partitions();
    }

    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    /** The pid of the broker this system started, or -1. */
    public synchronized long kafkaPid() {
        return kafka != null && kafka.isAlive() ? kafka.pid() : -1;
    }

    public Path logFile(String name) {
        return logs.fileOf(name);
    }

    /** The HS256 secret the functions verify bearer tokens with (mint development tokens with it). */
    public String jwtSecret() {
        return jwtSecret;
    }

    public String authMode() {
        return authMode;
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

    /**
     * What the PingSources do: every producer publishes what is left in its outbox. A producer scaled to zero is
     * not woken for it (a PingSource would wake it every minute, and no function could ever stay down): each
     * producer sweeps before it scales down (its pre-stop hook), and the outbox is shared, so any running
     * producer's sweep publishes what a crash left.
     */
    public void sweep() {
        for (String producer : PRODUCERS) {
            Activator activator = activators.get(producer);
            if (activator == null) {
                continue;
            }
            URI target = settings.scaleToZero().isPresent()
                    ? activator.function().ifReady().orElse(null) : activator.uri();
            if (target == null) {
                continue;
            }
            try {
                http.send(HttpRequest.newBuilder(target.resolve("/outbox/sweep")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").header("Authorization", "Bearer " + internalToken)
                                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
        kafka = BrokerProcess.start(kafkaPort, logs.fileOf("kafka"), "--data-dir", kafkaData.toString(),
                "--topics", TOPICS, "--partitions", String.valueOf(settings.partitions()));
    }

    /** The status page's content: the front door, and per function its state, pid, starts and restarts. */
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("frontDoor", frontDoor().map(URI::toString).orElse(null));
        status.put("scaleToZero", settings.scaleToZero().isPresent());
        settings.scaleToZero().ifPresent(idle -> status.put("idleSeconds", idle.toSeconds()));
        List<Map<String, Object>> functions = new ArrayList<>();
        for (Activator activator : activators.values()) {
            var s = activator.function().status();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("url", activator.uri().toString());
            row.put("state", s.state().name().toLowerCase());
            row.put("pid", s.pid());
            row.put("starts", s.starts());
            row.put("coldStarts", s.coldStarts());
            row.put("restarts", s.restarts());
            row.put("lastStartMillis", s.lastStartMillis());
            functions.add(row);
        }
        status.put("functions", functions);
        status.put("kafka", Map.of("bootstrapServers", bootstrapServers, "pid", kafkaPid()));
        return status;
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
        if (frontDoor != null) {
            frontDoor.close();
        }
        timers.shutdownNow();
        aot.ifPresent(AotCaches::close);
        // Functions first (in parallel): once marked shut down, none is restarted, even one that a terminal's
        // Ctrl-C (sent to the whole process group) has already ended. The dispatcher's last deliveries then fail
        // fast and stay uncommitted; the inbox makes their redelivery at the next start harmless.
        List<Thread> stopping = activators.values().stream()
                .map(a -> new Thread(a.function()::shutdown, "stop-" + a.function().name())).toList();
        stopping.forEach(Thread::start);
        if (dispatcher != null) {
            dispatcher.close();
        }
        for (Thread thread : stopping) {
            try {
                thread.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        activators.values().forEach(Activator::close);
        synchronized (this) {
            if (kafka != null) {
                kafka.stop();
            }
        }
        if (kafkaDataIsTemporary && kafkaData != null) {
            try {
                deleteRecursively(kafkaData);
            } catch (IOException e) {
                // a temp dir under the work directory; harmless
            }
        }
    }

    /**
     * The children's entry point, alone in a jar of its own (nothing else of this module on their class path). The
     * jar's bytes are fixed (entry times included) and it is rewritten only when they change: an AOT cache holds
     * the size and time of every jar on the class path.
     */
    private static Path childEntryPointJar(Path dir) throws IOException {
        String resource = ExitWithParent.class.getName().replace('.', '/') + ".class";
        byte[] classBytes;
        try (InputStream in = ExitWithParent.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("cannot read " + resource);
            }
            classBytes = in.readAllBytes();
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try (var jar = new java.util.jar.JarOutputStream(bytes)) {
            var entry = new java.util.jar.JarEntry(resource);
            entry.setTime(0);
            jar.putNextEntry(entry);
            jar.write(classBytes);
            jar.closeEntry();
        }
        Path target = dir.resolve("exit-with-parent.jar");
        Files.createDirectories(dir);
        if (!Files.isRegularFile(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes.toByteArray())) {
            Path temp = Files.createTempFile(dir, "exit-with-parent", ".tmp");
            Files.write(temp, bytes.toByteArray());
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
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
}

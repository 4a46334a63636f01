package dev.psi.testing;

import dev.psi.schema.DatabaseSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The regression guard of a function's cold start (not timed): start it as a scale-to-zero start does, before any
 * request, and look at what it created. Nothing that can wait may be there: no pool, no Kafka producer, no Redis
 * connection, no migration (neither their beans nor their threads); PSI's own beans only from a recorded list;
 * and the number of singletons within a recorded budget. A change that adds eager start-up work fails here; a
 * deliberate one updates the list or the budget in the function's test, where a reviewer sees it.
 *
 * <p>{@link #launchJar} looks at the other half, the runnable jar as it is deployed: the classes loaded until its
 * first readiness answer stay within a recorded budget, and none of them is the zip file system, which Micronaut
 * would open over the whole fat jar to find its services or to read an {@code application.properties}
 * (dev.psi.kernel.start.ServiceIndex, dev.psi.kernel.config.KernelDefaults).
 */
public final class StartupWork {

    /** Bean types and thread names of work that must wait for its first use. */
    static final List<String> DEFERRED = List.of("org.apache.kafka", "kafka-producer", "io.lettuce", "lettuce",
            "org.flywaydb", "com.zaxxer.hikari", "housekeeper", "psi-primary", "psi-replica");

    /** What a start created: the types of the singletons, PSI's own among them, the threads it started. */
    public record Report(Set<String> beans, Set<String> psiBeans, Set<String> threads) {
    }

    private StartupWork() {
    }

    public static Report start() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                TestInfrastructure.get().properties(true))) {
            ApplicationContext context = server.getApplicationContext();
            Set<String> beans = context.getActiveBeanRegistrations(Object.class).stream()
                    .map(BeanRegistration::getBeanDefinition).map(d -> d.getBeanType().getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> psi = beans.stream().filter(b -> b.startsWith("dev.psi."))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> threads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !before.contains(t)).map(Thread::getName).collect(Collectors.toCollection(TreeSet::new));
            return new Report(beans, psi, threads);
        }
    }

    /**
     * Fails unless a start of this function does only what it may: PSI's beans all in {@code allowedPsiBeans},
     * at most {@code budget} singletons, nothing of {@link #DEFERRED}.
     */
    public static Report assertOnlyWhatCannotWait(Set<String> allowedPsiBeans, int budget) {
        Report report = start();
        Set<String> deferred = new TreeSet<>();
        for (String name : union(report.beans(), report.threads())) {
            if (DEFERRED.stream().anyMatch(name::contains)) {
                deferred.add(name);
            }
        }
        if (!deferred.isEmpty()) {
            throw new AssertionError("start-up created what must wait for its first use: " + deferred);
        }
        Set<String> extra = new TreeSet<>(report.psiBeans());
        extra.removeAll(allowedPsiBeans);
        if (!extra.isEmpty()) {
            throw new AssertionError("start-up created PSI beans beyond the recorded list (make them lazy, or record"
                    + " them if they must be there): " + extra);
        }
        // the report saw the server's own beans (the guard would pass vacuously on an empty report)
        if (!report.beans().contains("io.micronaut.http.server.netty.NettyEmbeddedServer")) {
            throw new AssertionError("the start created no embedded server: " + report);
        }
        if (report.beans().size() > budget) {
            throw new AssertionError("start-up created " + report.beans().size() + " singletons, over the budget of "
                    + budget + ": " + report.beans());
        }
        return report;
    }

    /** What a start of the runnable jar loaded until its first readiness answer, in load order. */
    public record JarStart(List<String> classes, Duration firstAnswer) {
    }

    /**
     * Launches {@code jar} as a deployment does ({@code java -jar}, this JVM's java, the test infrastructure's
     * database, Redis and Kafka in the environment), waits for its first 200 on {@code /health/readiness}, stops it,
     * and returns the classes it had loaded by then ({@code -Xlog:class+load}).
     */
    public static JarStart launchJar(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the guard runs after the package phase (mvn verify)");
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        DatabaseSettings database = infrastructure.database();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("class-load-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xlog:class+load:file=" + log, "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("PORT", String.valueOf(port),
                "DATABASE_HOST", database.host(), "DATABASE_PORT", String.valueOf(database.port()),
                "DATABASE_NAME", database.name(), "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password() == null ? "" : database.password(),
                "REDIS_HOST", infrastructure.redisHost(), "REDIS_PORT", String.valueOf(infrastructure.redisPort()),
                "KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers()));
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            URI readiness = URI.create("http://127.0.0.1:" + port + "/health/readiness");
            long deadline = started + Duration.ofSeconds(60).toNanos();
            while (!answers(readiness)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError(jar + " gave no readiness answer (alive: " + process.isAlive() + ")");
                }
                Thread.sleep(20);
            }
            Duration firstAnswer = Duration.ofNanos(System.nanoTime() - started);
            List<String> classes = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                // [0.123s][info][class,load] java.lang.Object source: shared objects file
                int at = line.indexOf("] ", line.indexOf("class,load"));
                if (at > 0) {
                    String rest = line.substring(at + 2);
                    int space = rest.indexOf(' ');
                    classes.add(space < 0 ? rest : rest.substring(0, space));
                }
            }
            return new JarStart(classes, firstAnswer);
        } finally {
            process.destroy();
            process.waitFor();
            Files.deleteIfExists(log);
        }
    }

    /**
     * Fails if the jar's start loaded the zip file system or more classes than {@code classBudget}: the recorded
     * count of the function's test plus a margin, so that new eager work shows up as a failing count.
     */
    public static JarStart assertJarStartWithin(Path jar, int classBudget) throws IOException, InterruptedException {
        JarStart start = launchJar(jar);
        System.out.println("[startup-work] " + jar.getFileName() + ": " + start.classes().size()
                + " classes to the first answer in " + start.firstAnswer().toMillis() + " ms");
        // the log was read (the guard would pass vacuously on an empty list)
        if (!start.classes().contains("io.micronaut.runtime.Micronaut")) {
            throw new AssertionError("no Micronaut class in the class-load log of " + jar + ": " + start.classes().size() + " classes");
        }
        List<String> zipfs = start.classes().stream().filter(c -> c.startsWith("jdk.nio.zipfs.")).toList();
        if (!zipfs.isEmpty()) {
            throw new AssertionError("the start opened the jar as a zip file system (a service scan or an"
                    + " application.properties read by Micronaut): " + zipfs);
        }
        if (start.classes().size() > classBudget) {
            throw new AssertionError("the start loaded " + start.classes().size() + " classes before its first"
                    + " answer, over the budget of " + classBudget);
        }
        return start;
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}

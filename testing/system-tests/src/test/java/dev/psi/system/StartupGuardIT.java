package dev.psi.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The regression guard of issue 10 (not timed): each function's runnable jar, started as deployed (the flags of
 * {@code deploy/jvm-flags}, no AOT cache), reports ready with the database reachable, and by then
 * <ul>
 *   <li>has loaded no Kafka producer or consumer, no Lettuce client or connection, no Flyway: those wait for their
 *       first use (the relay's first publish, the first cache or rate-limit call), and migrations are the Job's;</li>
 *   <li>has loaded at most the number of classes recorded in {@code startup-budget.properties} (+10%): a function
 *       that gains eager start-up work (a bean created at start-up, a new library scanned) loads more classes.</li>
 * </ul>
 * Kafka and Redis are pointed at a closed port, so nothing could be connected to either; the class log
 * ({@code -Xlog:class+load}) shows what was even loaded.
 */
class StartupGuardIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    /** Classes whose loading before ready means eager work that must wait for first use. */
    private static final List<String> NOT_AT_START = List.of(
            "org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.kafka.clients.NetworkClient",
            "io.lettuce.core.RedisClient",
            "io.lettuce.core.StatefulRedisConnectionImpl",
            "org.flywaydb.core.Flyway");
    private static final double MARGIN = 1.10;

    @ParameterizedTest
    @ValueSource(strings = {"catalog", "order-create", "order-workflow", "stock-adjust", "inventory-query"})
    void shouldStartWithNothingEagerAndWithinTheClassBudget(String function) throws Exception {
        Path jar = Launch.ROOT.resolve("functions/" + function + "/target/" + function + ".jar");
        assumeTrue(Files.isRegularFile(jar), "build the function jars first: " + jar);
        Path work = Files.createDirectories(Launch.ROOT.resolve("testing/system-tests/target/startup-guard"));
        Path classLog = work.resolve(function + "-classes.log");
        Files.deleteIfExists(classLog);
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var db = TestInfrastructure.get().database();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Launch.ROOT.resolve("deploy/jvm-flags"), "-Xshare:auto", "-Xlog:class+load=info:file=" + classLog,
                "-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(function + ".out").toFile());
        var env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("DATABASE_HOST", db.host());
        env.put("DATABASE_PORT", String.valueOf(db.port()));
        env.put("DATABASE_NAME", db.name());
        env.put("DATABASE_USER", db.user());
        env.put("DATABASE_PASSWORD", db.password());
        env.put("REDIS_HOST", "127.0.0.1");
        env.put("REDIS_PORT", "9");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
        env.put("PSI_AUTH_MODE", "jwt");
        env.put("PSI_JWT_SECRET", "startup-guard-secret-of-at-least-32-characters");
        Process process = builder.start();
        try {
            awaitReady(process, URI.create("http://127.0.0.1:" + port + "/health/readiness"), function);
            List<String> loaded = loadedClasses(classLog);
            for (String eager : NOT_AT_START) {
                assertFalse(loaded.contains(eager), function + " loaded " + eager + " before its first use (eager start-up work)");
            }
            int budget = budget(function);
            System.out.printf("StartupGuardIT: %s loaded %d classes by ready (budget %d, +%.0f%% margin)%n", function,
                    loaded.size(), budget, (MARGIN - 1) * 100);
            assertTrue(loaded.size() <= budget * MARGIN, function + " loaded " + loaded.size() + " classes by ready, over its"
                    + " budget of " + budget + " (+10%) in startup-budget.properties: what new start-up work is this? If it"
                    + " is wanted, measure it with bench/coldstart and raise the budget.");
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void awaitReady(Process process, URI readiness, String function) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), function + " exited during start-up");
            try {
                var response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    assertTrue(response.body().contains("UP"), function + " readiness: " + response.body());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(function + " not ready within 3 minutes");
    }

    /** The class names in a {@code -Xlog:class+load} file: "[...] name source: ...". */
    private static List<String> loadedClasses(Path log) throws IOException {
        Pattern line = Pattern.compile("\\[class,load\\s*\\]\\s+(\\S+)\\s+source:");
        List<String> names = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static int budget(String function) throws IOException {
        var budgets = new Properties();
        try (InputStream in = StartupGuardIT.class.getResourceAsStream("/startup-budget.properties")) {
            budgets.load(in);
        }
        String value = budgets.getProperty(function);
        assertTrue(value != null, "no class budget for " + function + " in startup-budget.properties");
        return Integer.parseInt(value.trim());
    }
}

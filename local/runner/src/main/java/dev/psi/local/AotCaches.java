package dev.psi.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The JDK 25 AOT cache of each function's process, as the Dockerfile builds one into the image: a function whose
 * command line (class path jars with their size and time, JVM options) has a cache starts with
 * {@code -XX:AOTCache}; one without gets a training run in the background once the system is up (start it with
 * {@code -XX:AOTCacheOutput}, ask its health a few times, let it exit), so the next start has it. The first start
 * is never slowed by training, and the training runs one at a time. On a JDK before 25 there is no cache.
 */
final class AotCaches implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dir;
    private final LogSink logs;
    private final Set<Path> training = ConcurrentHashMap.newKeySet();
    private final CountDownLatch systemUp = new CountDownLatch(1);
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "aot-training");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Process running;

    private AotCaches(Path dir, LogSink logs) {
        this.dir = dir;
        this.logs = logs;
    }

    /** Empty on a JDK before 25, or with PSI_LOCAL_AOT=0. */
    static Optional<AotCaches> create(Path dir, LogSink logs) {
        boolean off = "0".equals(System.getenv("PSI_LOCAL_AOT"));
        return off || Runtime.version().feature() < 25 ? Optional.empty() : Optional.of(new AotCaches(dir, logs));
    }

    /**
     * The options that make this command use its cache, or none (and a training run is queued).
     *
     * @param command the whole command line: java, the JVM options, {@code -cp}, the class path, main class, args
     */
    List<String> options(String name, List<String> command, List<Path> classPath, Map<String, String> env) {
        Path cache = dir.resolve(name + "-" + key(command, classPath) + ".aot");
        if (Files.isRegularFile(cache)) {
            return List.of("-XX:AOTCache=" + cache);
        }
        if (training.add(cache)) {
            trainer.execute(() -> train(name, command, env, cache));
        }
        return List.of();
    }

    /** The system is up: training may use the machine now. */
    void systemUp() {
        systemUp.countDown();
    }

    private void train(String name, List<String> command, Map<String, String> env, Path cache) {
        Path output = cache.resolveSibling(cache.getFileName() + ".tmp");
        try {
            systemUp.await();
            Files.createDirectories(dir);
            Files.deleteIfExists(output);
            List<String> trainingCommand = new ArrayList<>(command);
            trainingCommand.add(1, "-XX:AOTCacheOutput=" + output);
            int port = freePort();
            var builder = new ProcessBuilder(trainingCommand).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            builder.environment().put("PORT", String.valueOf(port));
            Process process = builder.start();
            running = process;
            URI base = URI.create("http://127.0.0.1:" + port);
            if (answered(process, base.resolve("/health/readiness"))) {
                for (int i = 0; i < 20; i++) {
                    for (String path : List.of("/health/readiness", "/health/liveness", "/health", "/prometheus")) {
                        get(base.resolve(path));
                    }
                }
            }
            process.getOutputStream().close(); // ExitWithParent: an ordinary exit, which writes the cache
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            if (process.exitValue() == 0 && Files.isRegularFile(output) && Files.size(output) > 0) {
                Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
                logs.info(name, "psi-local: AOT cache trained for the next start: " + cache.getFileName());
            }
        } catch (IOException e) {
            logs.info(name, "psi-local: AOT training failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = null;
            try {
                Files.deleteIfExists(output);
                Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".config"));
            } catch (IOException e) {
                // a leftover temp file; the next training overwrites it
            }
        }
    }

    private static boolean answered(Process process, URI readiness) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (get(readiness) == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int get(URI uri) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The JVM refuses a cache of other jars or options anyway; the key only keeps one cache per command line. */
    static String key(List<String> command, List<Path> classPath) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(String.join("\n", command).getBytes(StandardCharsets.UTF_8));
            for (Path jar : classPath) {
                digest.update((jar + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot key the AOT cache of " + classPath, e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        trainer.shutdownNow();
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }
}

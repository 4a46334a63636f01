package dev.psi.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One PSI function running as its own process from its runnable jar, as Knative would run it:
 * configured only through the environment, ready when {@code /health/readiness} says so.
 */
public final class FunctionProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final URI uri;
    private final Path log;

    private FunctionProcess(String name, Process process, URI uri, Path log) {
        this.name = name;
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** The runnable jar of a function module: {@code functions/<name>/target/<name>.jar} under {@code root}. */
    public static Path jarOf(Path root, String name) {
        return root.resolve("functions").resolve(name).resolve("target").resolve(name + ".jar");
    }

    /** Starts the function on {@code port}; does not wait (see {@link #awaitReady}). */
    public static FunctionProcess start(String name, Path jar, int port, Map<String, String> env, Path log)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no runnable jar for " + name + " at " + jar + "; run ./mvnw package first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xss512k", "-Xmx256m", "-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        var process = builder.start();
        var function = new FunctionProcess(name, process, URI.create("http://127.0.0.1:" + port + "/"), log);
        Runtime.getRuntime().addShutdownHook(new Thread(function::close, "stop-" + name));
        return function;
    }

    public FunctionProcess awaitReady(Duration timeout) {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                var response = client.send(HttpRequest.newBuilder(uri.resolve("/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
    }

    public String name() {
        return name;
    }

    public URI uri() {
        return uri;
    }

    public String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}

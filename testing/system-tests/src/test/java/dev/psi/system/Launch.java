package dev.psi.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/psi-local} as a user runs it: a real process, optionally inside a pseudo-terminal ({@code script})
 * so that Ctrl-C can be pressed as a terminal presses it, with no DATABASE_*, REDIS_* or KAFKA_* in its
 * environment (so the infrastructure is embedded, on free ports) and its output in a file.
 */
final class Launch implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("psi.root", "../..")).toAbsolutePath().normalize();
    private static final Pattern READY = Pattern.compile("(?m)^ready\\s+(http://localhost:\\d+)");
    private static final Set<String> INFRASTRUCTURE_ENV = Set.of("DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME",
            "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_REPLICA_HOST", "REDIS_HOST", "REDIS_PORT",
            "KAFKA_BOOTSTRAP_SERVERS", "PSI_EMBEDDED");

    final Process process;
    final Path output;
    private final OutputStream terminal;

    private Launch(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.terminal = process.getOutputStream();
    }

    /** {@code bin/psi-local --no-build args...}, in a pseudo-terminal when {@code tty}. */
    static Launch start(Path output, boolean tty, String... args) throws IOException {
        return start(output, tty, Map.of(), args);
    }

    /** {@link #start(Path, boolean, String...)} with these variables added to the launcher's environment. */
    static Launch start(Path output, boolean tty, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/psi-local").toString(), "--no-build"));
        command.addAll(List.of(args));
        List<String> argv = tty
                ? List.of("script", "-qefc", "exec " + String.join(" ", command), "/dev/null")
                : command;
        Files.createDirectories(output.getParent());
        var builder = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        INFRASTRUCTURE_ENV.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        return new Launch(builder.start(), output);
    }

    /** The front door's URL from the start-up screen's {@code ready} line. */
    URI awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(text());
            if (ready.find()) {
                return URI.create(ready.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("bin/psi-local exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no 'ready' within " + timeout + ":\n" + tail());
    }

    String text() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8).replace("\r", "");
    }

    String tail() throws IOException {
        List<String> lines = List.of(text().split("\n"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Every process below the launch now (the launcher, functions, database, Redis, broker). */
    List<ProcessHandle> descendants() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }

    /** Ctrl-C as a terminal sends it: the interrupt character on the pseudo-terminal. */
    void pressCtrlC() throws IOException {
        terminal.write(3);
        terminal.flush();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static boolean isFree(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The ports the status page names (front door and the functions' stable ports). */
    @SuppressWarnings("unchecked")
    static List<Integer> ports(Map<String, Object> status) {
        List<Integer> ports = new ArrayList<>();
        ports.add(URI.create((String) status.get("frontDoor")).getPort());
        for (Map<String, Object> function : (List<Map<String, Object>>) status.get("functions")) {
            ports.add(URI.create((String) function.get("url")).getPort());
        }
        return ports;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}

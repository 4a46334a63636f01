package dev.psi.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process that belongs to a directory, not to a JVM. Every user (in any JVM) holds a lease
 * file under {@code dir/leases}; the first starts the server, later ones reuse it, the last to leave
 * stops it. So test JVMs that run one after another or side by side share one embedded MariaDB
 * instead of each unpacking and installing it, and a JVM killed without its shutdown hooks leaves a
 * server that the next user adopts (and stops in its turn). All decisions are taken under a file
 * lock on {@code dir/lock}.
 */
final class SharedServer {

    /** One kind of server: how to start it on a port and how to tell that it serves. */
    interface Kind {
        /** For messages: "MariaDB". */
        String name();

        boolean answers(int port);

        /** Everything up to the command that runs the server in the foreground (unpacking, installing). */
        ProcessBuilder command(Path dir, int port) throws IOException;

        Duration startTimeout();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SharedServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** A file lock is held per JVM; this keeps two users in one JVM from asking for it at once. */
    private static final Map<Path, Object> IN_JVM = new ConcurrentHashMap<>();
    private static final AtomicInteger LEASE_NUMBERS = new AtomicInteger();

    private SharedServer() {
    }

    /** A use of the server; {@link #close()} stops the server if it was the last one. */
    static final class Lease implements AutoCloseable {
        private final Kind kind;
        private final Path dir;
        private final Path file;
        private final long pid;
        private final int port;
        private final boolean started;
        private boolean closed;

        private Lease(Kind kind, Path dir, Path file, long pid, int port, boolean started) {
            this.kind = kind;
            this.dir = dir;
            this.file = file;
            this.pid = pid;
            this.port = port;
            this.started = started;
        }

        int port() {
            return port;
        }

        long pid() {
            return pid;
        }

        /** True if this lease started the server, false if it joined one that was running. */
        boolean started() {
            return started;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            locked(dir, () -> {
                Files.deleteIfExists(file);
                if (liveLeases(dir).isEmpty()) {
                    running(kind, dir).ifPresent(server -> stop(kind, server));
                    Files.deleteIfExists(dir.resolve("server"));
                }
                return null;
            });
        }
    }

    /**
     * Joins the server of {@code dir}, starting it on {@code port} (0: any free port) when none runs.
     * With {@code fresh}, the data under {@code dir} is wiped first; that fails while others use it.
     */
    static Lease acquire(Kind kind, Path dir, int port, boolean fresh, Path log) {
        Path home = dir.toAbsolutePath().normalize();
        return locked(home, () -> {
            Files.createDirectories(home.resolve("leases"));
            Optional<Running> running = running(kind, home);
            List<String> others = liveLeases(home);
            if (fresh) {
                if (running.isPresent() && !others.isEmpty()) {
                    throw new IllegalStateException(kind.name() + " in " + home + " is in use (leases " + others
                            + "); stop its users before starting fresh");
                }
                running.ifPresent(server -> stop(kind, server));
                running = Optional.empty();
                wipe(home);
            }
            boolean started = running.isEmpty();
            Running server;
            if (started) {
                server = start(kind, home, port, log);
            } else {
                server = running.get();
                if (port != 0 && port != server.port()) {
                    LOG.warn("{} for {} already runs on port {} (pid {}); using it rather than port {}",
                            kind.name(), home, server.port(), server.pid(), port);
                }
                LOG.info("joining the {} already running for {} on port {} (pid {})", kind.name(), home, server.port(),
                        server.pid());
            }
            Path lease = home.resolve("leases").resolve(ProcessHandle.current().pid() + "-" + LEASE_NUMBERS.incrementAndGet());
            Files.createFile(lease);
            return new Lease(kind, home, lease, server.pid(), server.port(), started);
        });
    }

    private record Running(long pid, int port) {
    }

    private static Running start(Kind kind, Path dir, int wantedPort, Path log) throws IOException {
        int port = wantedPort == 0 ? freePort() : wantedPort;
        if (wantedPort != 0 && !canBind(port)) {
            throw new PortTakenException(kind.name(), port);
        }
        ProcessBuilder command = kind.command(dir, port);
        Files.createDirectories(log.toAbsolutePath().getParent());
        command.redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()));
        long begin = System.nanoTime();
        Process process = command.start();
        // with its start time, so that a recycled pid is never taken for our server
        Files.writeString(dir.resolve("server"), process.pid() + " " + port + " " + startTime(process.toHandle()),
                StandardCharsets.US_ASCII);
        long deadline = begin + kind.startTimeout().toNanos();
        while (!kind.answers(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                Files.deleteIfExists(dir.resolve("server"));
                throw new IOException(kind.name() + " on port " + port + (process.isAlive() ? " did not answer within "
                        + kind.startTimeout().toSeconds() + " s" : " exited") + "; see " + log + ":\n" + tail(log));
            }
            sleep(Duration.ofMillis(100));
        }
        LOG.info("started {} on 127.0.0.1:{} (pid {}) in {} ms, data in {}, log {}", kind.name(), port, process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dir, log);
        return new Running(process.pid(), port);
    }

    /** The server recorded for {@code dir}, if that process still runs and answers. */
    private static Optional<Running> running(Kind kind, Path dir) throws IOException {
        Path state = dir.resolve("server");
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        String[] fields = Files.readString(state, StandardCharsets.US_ASCII).trim().split(" ");
        var server = new Running(Long.parseLong(fields[0]), Integer.parseInt(fields[1]));
        Optional<ProcessHandle> process = ProcessHandle.of(server.pid()).filter(ProcessHandle::isAlive)
                .filter(p -> fields.length < 3 || fields[2].equals(startTime(p)));
        if (process.isEmpty()) {
            Files.deleteIfExists(state);
            return Optional.empty();
        }
        if (!kind.answers(server.port())) {
            LOG.warn("{} pid {} for {} runs but does not answer on port {}: stopping it", kind.name(), server.pid(), dir,
                    server.port());
            stop(kind, server);
            Files.deleteIfExists(state);
            return Optional.empty();
        }
        return Optional.of(server);
    }

    private static String startTime(ProcessHandle process) {
        return process.info().startInstant().map(t -> String.valueOf(t.toEpochMilli())).orElse("?");
    }

    /** SIGTERM (a clean shutdown), SIGKILL if it is not gone after 30 s. */
    private static void stop(Kind kind, Running server) {
        ProcessHandle.of(server.pid()).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warn("{} pid {} did not stop within {} s: killing it", kind.name(), server.pid(), STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            LOG.info("stopped {} (pid {})", kind.name(), server.pid());
        });
    }

    /** Lease files of processes that still run; those of dead ones are removed. */
    private static List<String> liveLeases(Path dir) throws IOException {
        Path leases = dir.resolve("leases");
        if (!Files.isDirectory(leases)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(leases)) {
            var live = new java.util.ArrayList<String>();
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                long pid = Long.parseLong(name.substring(0, name.indexOf('-')));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    live.add(name);
                } else {
                    Files.deleteIfExists(file);
                }
            }
            return live;
        }
    }

    /** Everything in {@code dir} but the lock and the leases. */
    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals("lock") && !name.equals("leases")) {
                    deleteRecursively(entry);
                }
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code action} holding the lock of {@code dir}, against this JVM's threads and other processes. */
    static <T> T locked(Path dir, Locked<T> action) {
        Path home = dir.toAbsolutePath().normalize();
        synchronized (IN_JVM.computeIfAbsent(home, d -> new Object())) {
            try {
                Files.createDirectories(home);
                try (FileChannel channel = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); var lock = channel.lock()) {
                    return action.run();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    static boolean canBind(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a server to answer");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }
}

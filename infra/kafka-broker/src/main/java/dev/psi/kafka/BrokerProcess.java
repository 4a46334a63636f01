package dev.psi.kafka;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Kafka broker ({@link LocalKafka}) running in a child JVM on 127.0.0.1.
 *
 * <p>Uses the JDK only: other modules depend on this jar with every transitive dependency excluded, so they
 * keep their own kafka-clients, and the broker's Kafka 4 jars are found through the {@code broker.classpath}
 * resource that the build writes next to this class.
 */
public final class BrokerProcess implements AutoCloseable {

    public static final int DEFAULT_PORT = 19092;
    public static final String HOST = "127.0.0.1";
    /** LocalKafka prints this followed by host:port once clients can connect. */
    public static final String READY_PREFIX = "KAFKA READY ";

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook = new Thread(this::destroy, "kafka-broker-stop");

    private BrokerProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker on {@code port} (controller on {@code port + 1}) with a fresh temp data dir and waits until
     * it accepts clients. The child's stdout and stderr are appended to {@code logFile}.
     *
     * @param localKafkaArgs further {@link LocalKafka} options, e.g. {@code "--topics", "a,b", "--partitions", "3"}
     * @throws IOException if the broker cannot be spawned, exits, or is not ready within 90 s (message has the log tail)
     */
    public static BrokerProcess start(int port, Path logFile, String... localKafkaArgs) throws IOException {
        if (isListening(HOST, port) || isListening(HOST, port + 1)) {
            throw new IOException("port " + port + " or " + (port + 1) + " is already in use on " + HOST);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-cp", classpath(),
                "dev.psi.kafka.LocalKafka",
                "--port", String.valueOf(port),
                // The child exits by itself if this JVM is killed without running its shutdown hooks.
                "--exit-with", String.valueOf(ProcessHandle.current().pid())));
        command.addAll(Arrays.asList(localKafkaArgs));

        Path log = logFile.toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BrokerProcess broker = new BrokerProcess(process, port, log);

        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process.getInputStream(), log, ready), "kafka-broker-" + port + "-log");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return broker;
        } catch (InterruptedException e) {
            broker.stop();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while starting the Kafka broker");
        } catch (ExecutionException | TimeoutException e) {
            broker.stop();
            joinQuietly(pump);
            String why = e instanceof TimeoutException
                    ? "was not ready within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + process.exitValue();
            throw new IOException("Kafka broker on port " + port + " " + why + "; " + log + " ends with:\n"
                    + tail(log));
        }
    }

    /** True if something accepts TCP connections on host:port. */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port p such that p and p + 1 (the controller's) are both free on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                candidate = socket.getLocalPort();
            }
            if (candidate < 65535 && canBind(candidate + 1)) {
                return candidate;
            }
        }
        throw new IOException("found no two adjacent free ports");
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (the broker shuts down cleanly and deletes its data dir), after 15 s SIGKILL. Idempotent. */
    public void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to run destroy() itself
        }
        destroy();
    }

    @Override
    public void close() {
        stop();
    }

    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Copies the child's output to the log (so its pipe never fills) and completes {@code ready} on READY. */
    private static void pump(InputStream output, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line; (line = reader.readLine()) != null; ) {
                writer.write(line);
                writer.write(System.lineSeparator());
                writer.flush();
                if (line.startsWith(READY_PREFIX)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } finally {
            ready.completeExceptionally(new EOFException("broker output ended"));
        }
    }

    private static String classpath() throws IOException {
        Path self;
        try {
            self = Path.of(BrokerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the psi-kafka-broker classes", e);
        }
        String dependencies;
        try (InputStream in = BrokerProcess.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IOException("dev/psi/kafka/broker.classpath is missing from " + self
                        + "; build it with: mvn -pl infra/kafka-broker install -DskipTests");
            }
            dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<String> missing = Arrays.stream(dependencies.split(File.pathSeparator))
                .filter(entry -> !Files.exists(Path.of(entry)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IOException("broker classpath entries are missing (rebuild infra/kafka-broker): " + missing);
        }
        return self + File.pathSeparator + dependencies;
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(),
                    lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}

package dev.psi.local;

import dev.psi.embedded.Infrastructure;
import dev.psi.schema.DatabaseSettings;
import dev.psi.schema.Migrator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/psi-local}: the whole system on this machine until Ctrl-C or SIGTERM (see {@link LaunchOptions}).
 * One launcher per data directory; ports are checked before anything starts; the database is migrated before the
 * functions start; the start-up screen ends with {@code ready}, the front door's URL and a first curl.
 */
public final class RunLocal {

    static final String READY = "ready";

    private RunLocal() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/psi/local/logback-launcher.xml");
        }
        long started = System.nanoTime();
        PrintStream out = System.out;
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("psi-local: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("psi.root", ".")).toAbsolutePath().normalize();
        Optional<InstanceLock> lock = InstanceLock.acquire(options.dataDir());
        if (lock.isEmpty()) {
            System.err.println("psi-local: PSI is already running on data directory " + options.dataDir() + " ("
                    + InstanceLock.holder(options.dataDir()) + ").");
            System.err.println("Stop it first (Ctrl-C in its terminal), or start another with --data-dir DIR --port N.");
            System.exit(3);
            return;
        }
        List<String> functions = LocalSystem.discover(root);
        Map<String, Integer> ports = functionPorts(options.port(), functions);
        List<String> taken = takenPorts(options.port(), ports);
        if (!taken.isEmpty()) {
            taken.forEach(line -> System.err.println("psi-local: " + line));
            System.err.printf("Free %s, or move PSI with --port N (the front door on N, the functions on N+1 to N+%d),"
                    + " or --port 0 for any free ports.%n", taken.size() == 1 ? "it" : "them", functions.size());
            System.exit(4);
            return;
        }

        var stopped = new CountDownLatch(1);
        var resources = new ArrayList<AutoCloseable>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("psi-local       | stopping every process ...");
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception e) {
                    System.err.println("psi-local: while stopping: " + e);
                }
            }
            try {
                lock.get().close();
            } catch (IOException e) {
                // released by the OS at exit anyway
            }
            out.println("psi-local       | stopped");
            stopped.countDown();
        }, "stop-psi"));

        Infrastructure infrastructure = LaunchInfrastructure.start(options);
        synchronized (resources) {
            resources.add(infrastructure);
        }
        DatabaseSettings database = infrastructure.database();
        var migrated = Migrator.migrate(database);
        out.printf("psi-local       | database %s: %d migration(s) applied%n", database, migrated.migrationsExecuted);
        var system = LocalSystem.start(new LocalSystem.Settings(root, options.dataDir(), database,
                infrastructure.redisHost(), infrastructure.redisPort(), ports, Duration.ofMinutes(1), functions,
                infrastructure.kafkaBootstrapServers(), options.dataDir().resolve("kafka"), options.scaleToZero(),
                options.port(), out));
        synchronized (resources) {
            resources.add(system);
        }
        String frontDoor = system.frontDoor().orElseThrow().toString();
        lock.get().describe(frontDoor);
        if (options.demo()) {
            out.println("psi-local       | loading the demo data through " + frontDoor + " ...");
            try {
                out.println("psi-local       | " + new DemoData(system.frontDoor().get(), "Bearer " + new DevTokens(system.jwtSecret()).issue(DemoData.TENANT,
                        "demo-loader", List.of("admin"), Instant.now().plus(DevTokens.TTL)), line -> out.println("psi-local       | " + line)).load());
            } catch (IOException | RuntimeException e) {
                // The system is up and serves; a demo that did not load (or only in part) says why instead of a stack trace.
                System.err.println("psi-local: the demo data did not load: " + e.getMessage());
            }
        }
        // The token secret goes to a file only its owner reads (bin/psi-token uses it), never to the screen or a log.
        Path secretFile = options.dataDir().resolve("jwt-secret");
        java.nio.file.Files.writeString(secretFile, system.jwtSecret());
        secretFile.toFile().setReadable(false, false);
        secretFile.toFile().setReadable(true, true);
        printScreen(out, system, infrastructure, options, started);
        stopped.await();
    }

    /** The start-up screen: one table of every process, then ready, the URL and the first curl. */
    private static void printScreen(PrintStream out, LocalSystem system, Infrastructure infrastructure,
                                    LaunchOptions options, long started) {
        var lines = new ArrayList<String>();
        lines.add(String.format("%-18s %-26s %-15s %s", "FUNCTION", "URL", "STATE", "PID"));
        for (var f : system.functions()) {
            String state = f.state() == ManagedFunction.State.STOPPED ? "scaled to zero" : f.state().name().toLowerCase();
            lines.add(String.format("%-18s %-26s %-15s %s", f.name(), system.uri(f.name()), state,
                    f.pid() < 0 ? "-" : String.valueOf(f.pid())));
        }
        for (var s : LaunchInfrastructure.rows(infrastructure)) {
            lines.add(String.format("%-18s %-26s %-15s %s", s[0], s[1], s[2], s[3]));
        }
        String url = system.frontDoor().orElseThrow().toString();
        synchronized (out) {
            out.println();
            lines.forEach(out::println);
            out.println();
            out.printf("%s  %s  (%.1f s)%s%n", READY, url, (System.nanoTime() - started) / 1e9,
                    options.scaleToZero().map(idle -> "  scale to zero after " + idle.toSeconds() + " s idle").orElse(""));
            out.printf("try    curl -s -H 'X-Tenant-Id: demo' '%s/api/products?size=3'%n", url);
            out.printf("token  TOKEN=$(bin/psi-token --data-dir %s --tenant demo --roles admin)   (auth mode %s)%n",
                    options.dataDir(), system.authMode());
            if (system.functions().stream().anyMatch(f -> f.name().equals("console"))) {
                out.printf("console %s/   sign in there with \"Use development token\" (this launcher only) or paste $TOKEN%n", url);
            }
            out.printf("status %s%s   logs %s   Ctrl-C stops everything%n%n", url, FrontDoor.STATUS_PATH,
                    options.dataDir().resolve("logs"));
        }
    }

    /** The functions' stable ports: the front door's + 1, + 2 ... in discovery order; all free ones for port 0. */
    static Map<String, Integer> functionPorts(int frontDoorPort, List<String> functions) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < functions.size(); i++) {
            ports.put(functions.get(i), frontDoorPort == 0 ? 0 : frontDoorPort + 1 + i);
        }
        return ports;
    }

    private static List<String> takenPorts(int frontDoorPort, Map<String, Integer> ports) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("the front door", frontDoorPort);
        ports.forEach(wanted::put);
        List<String> taken = new ArrayList<>();
        wanted.forEach((what, port) -> {
            if (port > 0 && !canBind(port)) {
                taken.add("port " + port + " (" + what + ") is already in use by another program");
            }
        });
        return taken;
    }

    private static boolean canBind(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

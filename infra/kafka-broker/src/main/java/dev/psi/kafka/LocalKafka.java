package dev.psi.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Runs a single-node KRaft Kafka broker (combined broker and controller) in this JVM.
 *
 * <pre>
 * LocalKafka [--port 19092] [--host 127.0.0.1] [--data-dir DIR] [--topics a,b,c] [--partitions 3] [--exit-with PID]
 * </pre>
 *
 * The controller listens on port + 1. Without {@code --data-dir} the data lives in a temp dir deleted on exit.
 * Once clients can connect (and the topics exist), prints exactly one line {@code KAFKA READY host:port} to stdout,
 * then runs until SIGTERM, or until process {@code --exit-with} ends (so a killed test JVM leaves no broker behind).
 */
public final class LocalKafka {

    /** Fixed, so a kept --data-dir is always formatted with the same cluster id. */
    private static final String CLUSTER_ID = "cHNpLWxvY2FsLWthZmthMQ";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private LocalKafka() {
    }

    public static void main(String[] args) throws Exception {
        // Before any Kafka class creates a logger, so every launcher (BrokerProcess, kafka.sh, an IDE) gets them;
        // -D on the command line still wins. With log4j's own shutdown hook, log4j stops before the broker does and
        // the broker's shutdown logging is lost (with an "Unable to register Log4j shutdown hook" warning).
        System.setProperty("log4j2.configurationFile",
                System.getProperty("log4j2.configurationFile", "dev/psi/kafka/log4j2-broker.xml"));
        System.setProperty("log4j2.shutdownHookEnabled",
                System.getProperty("log4j2.shutdownHookEnabled", "false"));

        String host = "127.0.0.1";
        int port = 19092;
        int partitions = 3;
        Path dataDir = null;
        List<String> topics = List.of();
        Long exitWith = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = required(args[i], value);
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--data-dir" -> dataDir = Path.of(required(args[i], value));
                case "--topics" -> topics = Arrays.stream(required(args[i], value).split(","))
                        .map(String::trim).filter(t -> !t.isEmpty()).toList();
                case "--partitions" -> partitions = Integer.parseInt(required(args[i], value));
                case "--exit-with" -> exitWith = Long.parseLong(required(args[i], value));
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }

        boolean tempDir = dataDir == null;
        Path dir = tempDir ? Files.createTempDirectory("psi-kafka-") : dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        Properties props = brokerProperties(host, port, dir.resolve("logs"));
        try (Writer out = Files.newBufferedWriter(dir.resolve("server.properties"))) {
            props.store(out, "written by dev.psi.kafka.LocalKafka");
        }

        KafkaRaftServer server;
        try {
            format(dir.resolve("logs"));
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        } catch (Exception e) {
            e.printStackTrace();
            deleteIf(tempDir, dir);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                deleteIf(tempDir, dir);
            }
        }, "local-kafka-shutdown"));
        if (exitWith != null) {
            ProcessHandle.of(exitWith).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> System.exit(0)),
                    () -> System.exit(0));
        }

        try {
            server.startup();
            awaitClientsAndTopics(host + ":" + port, topics, partitions);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }
        // One write() call, so stderr logging (often the same file) cannot land inside the line.
        System.out.print(BrokerProcess.READY_PREFIX + host + ":" + port + System.lineSeparator());
        System.out.flush();
        server.awaitShutdown();
    }

    static Properties brokerProperties(String host, int port, Path logDir) {
        int controllerPort = port + 1;
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "3")));
        return p;
    }

    /** Same as {@code kafka-storage.sh format --ignore-formatted}: a no-op on an already formatted dir. */
    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(CLUSTER_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setIgnoreFormatted(true)
                .run();
    }

    private static void awaitClientsAndTopics(String bootstrap, List<String> topics, int partitions) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (topics.isEmpty()) {
                return;
            }
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1))
                    .toList();
            try {
                admin.createTopics(missing).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // createTopics returns once the controller committed; wait until the broker serves every partition.
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!allLed(admin, topics)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " have no leaders after " + READY_TIMEOUT);
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean allLed(Admin admin, List<String> topics) throws InterruptedException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            return described.values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            return false; // typically UnknownTopicOrPartition until the broker applied the metadata
        }
    }

    private static void deleteIf(boolean condition, Path dir) {
        if (!condition) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: LocalKafka [--port 19092] [--host 127.0.0.1] [--data-dir DIR]"
                + " [--topics a,b,c] [--partitions 3] [--exit-with PID]");
        System.exit(2);
    }
}

package dev.psi.dispatcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the dispatcher as a process of its own:
 *
 * <pre>
 * java -cp local/dispatcher/target/classes:$(cat local/dispatcher/target/dispatcher.classpath) \
 *   dev.psi.dispatcher.DispatcherMain --knative knative --bootstrap 127.0.0.1:19092 \
 *   --service stock-adjust=http://127.0.0.1:8084 --service order-workflow=http://127.0.0.1:8083
 * </pre>
 *
 * Options: {@code --knative DIR} (default {@code knative}), {@code --bootstrap HOST:PORT} (default
 * {@code $KAFKA_BOOTSTRAP_SERVERS}, else {@code 127.0.0.1:19092}), {@code --service NAME=URL} (repeatable),
 * {@code --commit-interval ISO-8601} (default PT1S). Prints {@value #READY} once every consumer has its partitions;
 * stops cleanly on SIGTERM / SIGINT.
 */
public final class DispatcherMain {

    /** Printed on stdout once the consumers have their partitions, for a parent process to wait on. */
    public static final String READY = "PSI DISPATCHER READY";

    private DispatcherMain() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger: the broker-quiet logging config of this module (unless one is given).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/psi/dispatcher/logback-dispatcher.xml");
        }
        Logger log = LoggerFactory.getLogger(DispatcherMain.class);
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("dispatcher: " + e.getMessage());
            System.err.println("usage: DispatcherMain [--knative DIR] [--bootstrap HOST:PORT]"
                    + " [--service NAME=URL]... [--commit-interval PT1S]");
            System.exit(2);
            return;
        }

        List<KafkaSourceDefinition> sources = KafkaSources.load(arguments.knative());
        log.info("{} KafkaSource(s) in {}; Kafka at {}; services {}", sources.size(),
                arguments.knative().toAbsolutePath(), arguments.bootstrap(), arguments.services());
        Dispatcher dispatcher = Dispatcher.start(sources, arguments.bootstrap(),
                name -> Optional.ofNullable(arguments.services().get(name)),
                DispatcherOptions.defaults().withCommitInterval(arguments.commitInterval()));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dispatcher.close();
            stopped.countDown();
        }, "dispatcher-stop"));

        if (dispatcher.awaitAssignment(Duration.ofSeconds(60))) {
            System.out.println(READY + " " + dispatcher.activeSources());
            System.out.flush();
        } else {
            log.warn("not every consumer got its partitions within 60 s; going on");
        }
        stopped.await();
    }

    record Arguments(Path knative, String bootstrap, Map<String, URI> services, Duration commitInterval) {

        static Arguments parse(String[] args) {
            Path knative = Path.of("knative");
            String bootstrap = Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                    .filter(s -> !s.isBlank()).orElse("127.0.0.1:19092");
            Map<String, URI> services = new LinkedHashMap<>();
            Duration commitInterval = DispatcherOptions.defaults().commitInterval();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--knative" -> knative = Path.of(value);
                    case "--bootstrap" -> bootstrap = value;
                    case "--commit-interval" -> commitInterval = Duration.parse(value);
                    case "--service" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0 || eq == value.length() - 1) {
                            throw new IllegalArgumentException("--service wants NAME=URL, got " + value);
                        }
                        URI url = URI.create(value.substring(eq + 1));
                        if (!url.isAbsolute()) {
                            throw new IllegalArgumentException("--service URL must be absolute, got " + url);
                        }
                        services.put(value.substring(0, eq), url);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            return new Arguments(knative, bootstrap, Map.copyOf(services), commitInterval);
        }
    }
}

package dev.psi.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.psi.dispatcher.Dispatcher;
import dev.psi.dispatcher.DispatcherOptions;
import dev.psi.dispatcher.KafkaSourceDefinition;
import dev.psi.dispatcher.KafkaSources;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bare chain: the sales chain's shape with nothing inside. Same broker and the same dispatcher code (a second
 * {@link Dispatcher}, started from the same two KafkaSources of {@code knative/}, on two topics of its own with the
 * same partition count), but the three functions are no-op {@code com.sun.net.httpserver} endpoints in this JVM:
 * "create" produces {@code sales-order.placed} and answers 201 with the number once the broker acknowledged it;
 * "stock-adjust" produces {@code stock.reserved} for the same key and answers once acknowledged; "order-workflow"
 * notes the time and answers. Producers as the functions' ({@code acks=all}, idempotent, {@code linger.ms=0}),
 * keyed by the order number, so per-partition ordering constrains the floor exactly as it does the chain.
 * Whatever the chain adds above this floor is the functions' own work (HTTP binding, transactions, the outbox).
 */
final class BareChainFloor implements OpenLoop.Target, AutoCloseable {

    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([^\"]+)\"");
    static final String SALES_SOURCE = "stock-adjust-sales-orders";
    static final String STOCK_SOURCE = "order-workflow-stock";

    private final String salesTopic;
    private final String stockTopic;
    private final Producer<String, byte[]> createProducer;
    private final Producer<String, byte[]> reserveProducer;
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final Map<String, OpenLoop.Finish> finished = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final String prefix;
    private URI create;
    private Dispatcher dispatcher;

    private BareChainFloor(String bootstrap, String prefix) {
        this.prefix = prefix;
        this.salesTopic = "bench.floor." + prefix + ".sales-orders";
        this.stockTopic = "bench.floor." + prefix + ".stock";
        this.createProducer = producer(bootstrap, "floor-create");
        this.reserveProducer = producer(bootstrap, "floor-stock-adjust");
    }

    /**
     * Creates the floor's topics with {@code partitions} each, starts the no-op endpoints and the dispatcher, and
     * waits until its consumers have their partitions.
     */
    static BareChainFloor start(Path knative, String bootstrap, int partitions, String internalToken) throws Exception {
        String prefix = "p" + partitions + "-" + UUID.randomUUID().toString().substring(0, 8);
        var floor = new BareChainFloor(bootstrap, prefix);
        try {
            floor.createTopics(bootstrap, partitions);
            URI stockAdjust = floor.serve("stock-adjust", 8, "/events", floor::reserve);
            URI orderWorkflow = floor.serve("order-workflow", 8, "/events", floor::confirm);
            floor.create = floor.serve("order-create", 16, "/create", floor::place).resolve("/create");
            var services = Map.of("stock-adjust", stockAdjust, "order-workflow", orderWorkflow);
            var sources = new ArrayList<KafkaSourceDefinition>();
            for (KafkaSourceDefinition source : KafkaSources.load(knative)) {
                if (source.name().equals(SALES_SOURCE)) {
                    sources.add(source.withTopicsAndGroup(List.of(floor.salesTopic), "floor-" + prefix + "-sa"));
                } else if (source.name().equals(STOCK_SOURCE)) {
                    sources.add(source.withTopicsAndGroup(List.of(floor.stockTopic), "floor-" + prefix + "-ow"));
                }
            }
            if (sources.size() != 2) {
                throw new IllegalStateException("knative/ has no " + SALES_SOURCE + " or " + STOCK_SOURCE);
            }
            floor.dispatcher = Dispatcher.start(sources, bootstrap, service -> Optional.ofNullable(services.get(service)),
                    DispatcherOptions.defaults().withInternalToken(internalToken));
            if (!floor.dispatcher.awaitAssignment(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the floor's consumers got no partitions");
            }
            return floor;
        } catch (Exception | Error e) {
            floor.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- OpenLoop.Target

    @Override
    public CompletableFuture<String> create(long index) {
        var request = HttpRequest.newBuilder(create).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return OpenLoop.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 201) {
                throw new IllegalStateException("floor create answered " + response.statusCode());
            }
            return number(response.body());
        });
    }

    @Override
    public long pending() {
        return created.get() - finished.size();
    }

    @Override
    public Map<String, OpenLoop.Finish> finished(List<String> numbers) {
        var map = new HashMap<String, OpenLoop.Finish>();
        for (String n : numbers) {
            OpenLoop.Finish f = finished.get(n);
            if (f != null) {
                map.put(n, f);
            }
        }
        return map;
    }

    long created() {
        return created.get();
    }

    long completed() {
        return finished.size();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    // ---------------------------------------------------------------- the no-op functions

    private String place(String body) throws Exception {
        String number = "F-" + prefix + "-" + sequence.incrementAndGet();
        produce(createProducer, salesTopic, number, "psi.sales-order.placed.v1");
        created.incrementAndGet();
        return "{\"number\":\"" + number + "\"}";
    }

    private String reserve(String body) throws Exception {
        produce(reserveProducer, stockTopic, number(body), "psi.stock.reserved.v1");
        return null;
    }

    private String confirm(String body) {
        finished.putIfAbsent(number(body), new OpenLoop.Finish(OpenLoop.nowMicros(), false));
        return null;
    }

    private static void produce(Producer<String, byte[]> producer, String topic, String number, String type)
            throws Exception {
        var event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withType(type)
                .withSource(URI.create("/bench/floor")).withDataContentType("application/json")
                .withExtension("tenantid", "bench-floor")
                .withData(("{\"number\":\"" + number + "\"}").getBytes(StandardCharsets.UTF_8)).build();
        producer.send(KafkaMessageFactory.createWriter(topic, number).writeBinary(event)).get(30, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface Handler {
        /** The answer's JSON body (201), or null for an empty 200. */
        String handle(String body) throws Exception;
    }

    private URI serve(String name, int threads, String path, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "floor-" + name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext(path, exchange -> answer(exchange, handler));
        server.createContext("/events/dead-letter", exchange -> {
            deadLetters.incrementAndGet();
            answer(exchange, body -> null);
        });
        server.start();
        servers.add(server);
        pools.add(pool);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            try {
                answer = handler.handle(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (answer == null) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private static String number(String json) {
        Matcher m = NUMBER.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no number in " + json);
        }
        return m.group(1);
    }

    // ---------------------------------------------------------------- Kafka

    private void createTopics(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(salesTopic, partitions, (short) 1),
                    new NewTopic(stockTopic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Producer<String, byte[]> producer(String bootstrap, String clientId) {
        return new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        servers.forEach(s -> s.stop(0));
        pools.forEach(ExecutorService::shutdownNow);
        createProducer.close(Duration.ofSeconds(2));
        reserveProducer.close(Duration.ofSeconds(2));
    }
}

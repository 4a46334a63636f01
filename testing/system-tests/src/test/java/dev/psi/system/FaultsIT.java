package dev.psi.system;

import static dev.psi.testing.StockInvariants.assertConsistent;
import static dev.psi.testing.StockInvariants.decimal;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.psi.local.LocalSystem;
import dev.psi.schema.DatabaseSettings;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Prometheus;
import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What happens when something fails: the database, Kafka or Redis goes away and comes back, a function is
 * killed with kill -9 between commit and publish. The functions run as processes (as on the cluster) on a system
 * of this class's own, its own Kafka broker, and their database and Redis behind a {@link TcpFault} each, so an
 * outage is real to them without stopping servers that other tests share. Every test ends with every accepted
 * order in its final state and the stock consistent ({@link dev.psi.testing.StockInvariants#assertConsistent}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {

    private static final List<String> FUNCTIONS = List.of("order-create", "order-workflow", "stock-adjust", "inventory-query");

    LocalSystem system;
    TcpFault database;
    TcpFault redis;
    String tenant;

    @BeforeAll
    void startSystem() throws Exception {
        // Alone on the database: the shared outbox is swept by every running system, and the shared system's sweep
        // (every 30 s) would take this system's pending rows to its own broker while this one's is down.
        SystemUnderTest.stop();
        var infrastructure = TestInfrastructure.get();
        DatabaseSettings real = infrastructure.database();
        database = TcpFault.to(real.host(), real.port());
        redis = TcpFault.to(infrastructure.redisHost(), infrastructure.redisPort());
        Path root = Launch.ROOT;
        system = LocalSystem.start(new LocalSystem.Settings(root, root.resolve("testing/system-tests/target/faults"),
                new DatabaseSettings("127.0.0.1", database.port, real.name(), real.user(), real.password()),
                "127.0.0.1", redis.port, Map.of(), Duration.ofHours(1), FUNCTIONS, null, null, Optional.empty(), -1, null));
    }

    @AfterAll
    void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
        database.close();
        redis.close();
    }

    @BeforeEach
    void tenantWithStock() {
        tenant = Fixtures.newTenant();
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.customer(tenant, "CUS1");
        Fixtures.aProduct(tenant, "A").create();
        var adjusted = api("stock-adjust").post("/api/stock/adjustments", Map.of("warehouseCode", "WH1",
                "sku", "A", "quantity", 50, "reason", "FOUND", "unitCost", 1));
        assertEquals(201, adjusted.status(), adjusted.body());
    }

    @AfterEach
    void everythingBack() throws Exception {
        database.restore();
        redis.restore();
        if (system.kafkaPid() == -1) {
            system.startKafka();
        }
    }

    @Test
    void databaseDownAndBack() throws Exception {
        String before = placeOrder("1");
        awaitStatus(before, "CONFIRMED");
        URI orderCreate = direct("order-create");
        assertEquals(200, new Api(orderCreate, tenant).get("/health/readiness").status());

        database.cut();
        try {
            long started = System.nanoTime();
            var readiness = new Api(orderCreate, tenant).get("/health/readiness");
            long probeMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertEquals(503, readiness.status(), readiness.body());
            assertTrue(readiness.body().contains("DOWN"), readiness.body());
            assertTrue(probeMillis < 1_000, "the readiness probe answers within Kubernetes' 1 s: " + probeMillis + " ms");

            started = System.nanoTime();
            var refused = api("order-create").post("/api/sales-orders", order("1"));
            long requestMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertUnavailable(refused);
            assertTrue(requestMillis < 8_000, "no hang: " + requestMillis + " ms");
            assertUnavailable(api("order-workflow").get("/api/sales-orders/" + before));
        } finally {
            database.restore();
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> new Api(orderCreate, tenant).get("/health/readiness").status() == 200);
        String after = placeOrder("2");
        awaitStatus(after, "CONFIRMED");
        assertEquals(orderCreate, direct("order-create"), "recovered without a restart");
        assertConfirmed(Map.of(before, "1", after, "2"));
    }

    @Test
    void kafkaDownAndBackDeliversEveryEventInOrderPerAggregate() throws Exception {
        system.stopKafka();
        var orders = new LinkedHashMap<String, Final>();
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                String number = placeOrder("1");
                assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000, "Kafka down must not slow a request");
                orders.put(number, Final.confirmed("1"));
                adjust("1");
            }
            // Two orders are cancelled before their placement has gone out: placed, then cancelled, on one key.
            // Delivered the other way round, stock-adjust would release nothing and then reserve for a cancelled order.
            for (String number : List.copyOf(orders.keySet()).subList(1, 3)) {
                var cancelled = api("order-workflow").post("/api/sales-orders/" + number + "/cancel", Map.of());
                assertEquals(202, cancelled.status(), cancelled.body());
                orders.put(number, Final.CANCELLED);
            }
            assertTrue(count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND published_at IS NULL") >= 12,
                    "the events wait in the outbox");
        } finally {
            system.startKafka();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            sweepAll();
            return count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND status IN ('CONFIRMED', 'CANCELLED')") == 5;
        });
        assertFinal(orders);
        assertDeliveredInOrderPerKey();
    }

    @Test
    void redisDownAndBackFallsBackToTheDatabaseAndIsNotStaleAfter() throws Exception {
        Api inventory = api("inventory-query");
        assertOnHand(inventory, "50");
        assertOnHand(inventory, "50");
        double hitsBefore = cacheHits();
        assertOnHand(inventory, "50");
        assertTrue(cacheHits() > hitsBefore, "the cache answers while Redis is up");

        redis.cut();
        try {
            adjust("5");
            long started = System.nanoTime();
            assertOnHand(inventory, "55");
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_000, "no wait for Redis");
            adjust("5");
            assertOnHand(inventory, "60");
        } finally {
            redis.restore();
        }

        // The invalidations that could not reach Redis are retried (every 5 s, RedisCache.BACK_OFF), so the
        // entry cached at 50 before the outage is never served once they have gone through.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                new BigDecimal("60").compareTo(inventory.get("/api/inventory/A").decimal("total.onHand")) == 0);
        Thread.sleep(6_000);
        assertOnHand(inventory, "60");
        double hitsAfter = cacheHits();
        assertOnHand(inventory, "60");
        assertTrue(cacheHits() > hitsAfter, "the cache is used again after Redis returns");
        String order = placeOrder("3");
        awaitStatus(order, "CONFIRMED");
        assertConfirmed(Map.of(order, "3"));
    }

    @Test
    void aFunctionKilledBetweenCommitAndPublishLosesNothing() throws Exception {
        system.stopKafka(); // the relay cannot publish: what is committed stays in the outbox
        var orders = new LinkedHashMap<String, String>();
        long pid;
        try {
            for (int i = 0; i < 5; i++) {
                orders.put(placeOrder("2"), "2");
            }
            assertEquals(5L, count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND published_at IS NULL"
                    + " AND event_type = 'psi.sales-order.placed.v1'"));
            pid = system.function("order-create").kill().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        } finally {
            system.startKafka();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> system.function("order-create").ifReady().isPresent());
        assertNotEquals(pid, system.function("order-create").status().pid(), "a new process");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            internalPost("order-create", "/outbox/sweep");
            sweepAll();
            return count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND status = 'CONFIRMED'") == 5;
        });
        assertConfirmed(orders);
    }

    // ---- the checks every fault test ends with

    /** The state an accepted order must end in, and what it must then hold reserved. */
    record Final(String status, String reserved) {
        static final Final CANCELLED = new Final("CANCELLED", "0");

        static Final confirmed(String quantity) {
            return new Final("CONFIRMED", quantity);
        }
    }

    private void assertConfirmed(Map<String, String> confirmed) {
        var orders = new LinkedHashMap<String, Final>();
        confirmed.forEach((number, quantity) -> orders.put(number, Final.confirmed(quantity)));
        assertFinal(orders);
    }

    /**
     * Every accepted order in its final state, reached exactly once, holding exactly what that state holds reserved
     * (its quantity when confirmed, nothing when cancelled); nothing dead-lettered; the stock consistent.
     */
    private void assertFinal(LinkedHashMap<String, Final> accepted) {
        for (var order : accepted.entrySet()) {
            String number = order.getKey();
            Final expected = order.getValue();
            assertEquals(expected.status(), api("order-workflow").get("/api/sales-orders/" + number).text("status"), number);
            assertEquals(1L, decimal("SELECT COUNT(*) FROM order_status_history WHERE tenant_id = ? AND order_number = ?"
                    + " AND to_status = ?", tenant, number, expected.status()).longValue(), number + " reached its state once");
            assertTrue(decimal("SELECT COUNT(*) FROM stock_reservations WHERE tenant_id = ? AND document_number = ?",
                    tenant, number).longValue() <= 1, number + " reserved at most once");
            BigDecimal open = decimal("SELECT COALESCE(SUM(quantity), 0) FROM stock_reservations"
                    + " WHERE tenant_id = ? AND document_number = ?", tenant, number);
            assertEquals(0, new BigDecimal(expected.reserved()).compareTo(open), number + " holds " + expected.reserved());
        }
        assertEquals(0L, count("SELECT COUNT(*) FROM dead_letters WHERE tenant_id = ?"), "nothing dead-lettered");
        assertConsistent(tenant);
    }

    /** Each key's events reached Kafka in the order the outbox holds them (the order they were committed in). */
    private void assertDeliveredInOrderPerKey() throws Exception {
        Map<String, List<String>> committed = new LinkedHashMap<>();
        try (var connection = TestInfrastructure.get().connection();
             var statement = connection.prepareStatement("SELECT topic, message_key, event_id FROM outbox WHERE tenant_id = ?"
                     + " ORDER BY id")) {
            statement.setString(1, tenant);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    committed.computeIfAbsent(rows.getString(1) + "/" + rows.getString(2), k -> new ArrayList<>()).add(rows.getString(3));
                }
            }
        }
        int expected = committed.values().stream().mapToInt(List::size).sum();
        var committedIds = new HashSet<String>();
        committed.values().forEach(committedIds::addAll);
        Map<String, List<String>> delivered = new LinkedHashMap<>();
        var seen = new HashSet<String>();
        var endOffsets = new LinkedHashMap<TopicPartition, Long>();
        long read = 0;
        var properties = new Properties();
        properties.put("bootstrap.servers", system.kafkaBootstrapServers());
        // Read from the beginning until every committed event is seen. The last events of the chain may still be
        // leaving their outboxes (a relay backs off after a broker failure), and a consumer that started against the
        // broker just restarted is replaced by a fresh one every 15 s, so only an event that never arrives fails.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < expected && System.nanoTime() < deadline) {
            try (var consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                var partitions = new ArrayList<TopicPartition>();
                for (String topic : List.of("psi.purchase-orders", "psi.sales-orders", "psi.stock")) {
                    consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                endOffsets.putAll(consumer.endOffsets(partitions));
                long attemptEnds = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(15).toNanos());
                while (seen.size() < expected && System.nanoTime() < attemptEnds) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        read++;
                        var tenantHeader = record.headers().lastHeader("ce_tenantid");
                        var id = record.headers().lastHeader("ce_id");
                        if (tenantHeader != null && id != null && tenant.equals(new String(tenantHeader.value(), StandardCharsets.UTF_8))) {
                            String eventId = new String(id.value(), StandardCharsets.UTF_8);
                            // a redelivery after a failed acknowledgement may repeat one, and so does a second read
                            // (an event committed after the snapshot above, a release still on its way, is not counted)
                            if (committedIds.contains(eventId) && seen.add(eventId)) {
                                delivered.computeIfAbsent(record.topic() + "/" + record.key(), k -> new ArrayList<>()).add(eventId);
                            }
                        }
                    }
                }
            }
        }
        // Per key, what is on Kafka is in commit order (the events read, as a subsequence of what was committed).
        Map<String, List<String>> committedAndSeen = new LinkedHashMap<>();
        committed.forEach((key, events) -> {
            var onKafka = events.stream().filter(seen::contains).toList();
            if (!onKafka.isEmpty()) {
                committedAndSeen.put(key, onKafka);
            }
        });
        assertEquals(committedAndSeen, delivered, "per key, in commit order");
        assertTrue(committed.values().stream().filter(events -> events.size() >= 2).count() >= 2,
                "the cancelled orders' keys carry several events: " + committed);
        if (seen.size() != expected) {
            fail("every committed event is on Kafka: " + seen.size() + " of " + expected + "; records read: " + read
                    + "; " + describeUnseen(seen, endOffsets));
        }
    }

    /** What the outbox says of the events the consumer did not see, and what the partitions hold: for a failure's message. */
    private String describeUnseen(java.util.Set<String> seen, Map<TopicPartition, Long> endOffsets) throws Exception {
        var unseen = new ArrayList<String>();
        try (var connection = TestInfrastructure.get().connection();
             var statement = connection.prepareStatement("SELECT event_id, event_type, topic, message_key, published_at"
                     + " FROM outbox WHERE tenant_id = ? ORDER BY id")) {
            statement.setString(1, tenant);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!seen.contains(rows.getString(1))) {
                        unseen.add(rows.getString(2) + " " + rows.getString(3) + "/" + rows.getString(4)
                                + " published " + rows.getTimestamp(5));
                    }
                }
            }
        }
        return "not seen: " + unseen + "; partition end offsets: " + endOffsets + "; the broker's log on its partitions:\n"
                + brokerLogEvidence();
    }

    /** The test broker's lines on what its logs held at each start and on any truncation or deletion (log4j2-broker.xml). */
    private static String brokerLogEvidence() throws IOException {
        Path log = Launch.ROOT.resolve("testing/system-tests/target/faults/logs/kafka.log");
        if (!Files.exists(log)) {
            return "(no " + log + ")";
        }
        var evidence = java.util.regex.Pattern.compile("(?i)truncat|delet|recover|log-end-offset|clean shutdown|stray|high watermark");
        List<String> lines = Files.readAllLines(log).stream()
                .filter(line -> line.contains("psi.") || line.contains("LogManager"))
                .filter(line -> evidence.matcher(line).find()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static void assertUnavailable(Api.Response response) {
        assertEquals(503, response.status(), response.body());
        assertTrue(String.valueOf(response.header("Content-Type")).startsWith("application/problem+json"), response.toString());
        assertNotNull(response.header("Retry-After"), "Retry-After: " + response.headers());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }

    // ---- requests

    private Api api(String function) {
        return new Api(system.uri(function), tenant, system.jwtSecret());
    }

    /** The function's current process, past its activator. */
    private URI direct(String function) {
        return system.function(function).ifReady().orElseThrow();
    }

    /**
     * The one place the internal endpoints ({@code /outbox/sweep}, {@code /events}) are called from, with the internal
     * credential the system gave its dispatcher (a user's token is refused there). A refusal fails the test: a sweep
     * that silently does nothing would leave recovery to the relay alone and hide what this class tests.
     */
    private Api.Response internalPost(String function, String path) {
        var response = api(function).internal(system.internalToken()).post(path, Map.of());
        assertTrue(response.status() < 300 || response.status() >= 500, "the internal credential is accepted: " + response);
        return response;
    }

    private void sweepAll() {
        for (String producer : LocalSystem.PRODUCERS) {
            internalPost(producer, "/outbox/sweep");
        }
    }

    private Map<String, Object> order(String quantity) {
        return Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", new BigDecimal(quantity))));
    }

    private String placeOrder(String quantity) {
        var response = api("order-create").post("/api/sales-orders", order(quantity));
        assertEquals(201, response.status(), response.body());
        return response.text("number");
    }

    private void adjust(String quantity) {
        var adjusted = api("stock-adjust").post("/api/stock/adjustments", Map.of("warehouseCode", "WH1",
                "sku", "A", "quantity", new BigDecimal(quantity), "reason", "FOUND", "unitCost", 1));
        assertEquals(201, adjusted.status(), adjusted.body());
    }

    private void awaitStatus(String number, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(api("order-workflow").get("/api/sales-orders/" + number).text("status")));
    }

    private void assertOnHand(Api inventory, String expected) {
        var response = inventory.get("/api/inventory/A");
        assertEquals(200, response.status(), response.body());
        assertEquals(0, new BigDecimal(expected).compareTo(response.decimal("total.onHand")), response.body());
    }

    private double cacheHits() {
        return Prometheus.sum(api("inventory-query").get("/prometheus").body(), "psi_inventory_cache_total", "result", "hit");
    }

    private long count(String sql) {
        return decimal(sql, tenant).longValue();
    }
}

package dev.psi.system;

import static dev.psi.testing.StockInvariants.assertStockEqualsLedger;
import static dev.psi.testing.StockInvariants.decimal;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.local.LocalSystem;
import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Prometheus;
import dev.psi.testing.TestInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nothing lost, nothing applied twice: duplicates, a broker outage and a poison event. */
class ResilienceIT {

    LocalSystem system;
    String tenant;
    Api orders;
    Api workflow;
    Api inventory;

    @BeforeEach
    void tenantWithStock() {
        system = SystemUnderTest.get();
        tenant = Fixtures.newTenant();
        orders = SystemUnderTest.api("order-create", tenant);
        workflow = SystemUnderTest.api("order-workflow", tenant);
        inventory = SystemUnderTest.api("inventory-query", tenant);
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.customer(tenant, "CUS1");
        Fixtures.aProduct(tenant, "A").create();
        var adjusted = SystemUnderTest.api("stock-adjust", tenant).post("/api/stock/adjustments", Map.of("warehouseCode", "WH1",
                "sku", "A", "quantity", 20, "reason", "FOUND", "unitCost", 1));
        assertEquals(201, adjusted.status(), adjusted.body());
    }

    @Test
    void shouldApplyEveryEventDeliveredTwiceOnlyOnce() throws Exception {
        var numbers = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            numbers.add(placeOrder("2"));
        }
        for (String number : numbers) {
            awaitStatus(number, "CONFIRMED");
        }
        double duplicatesBefore = duplicates("stock-adjust") + duplicates("order-workflow");
        long movements = count("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ?");
        long history = count("SELECT COUNT(*) FROM order_status_history WHERE tenant_id = ?");

        int republished = republishOutbox();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                duplicates("stock-adjust") + duplicates("order-workflow") >= duplicatesBefore + republished);
        assertEquals(movements, count("SELECT COUNT(*) FROM stock_movements WHERE tenant_id = ?"), "no movement twice");
        assertEquals(history, count("SELECT COUNT(*) FROM order_status_history WHERE tenant_id = ?"), "no transition twice");
        assertEquals(0, new BigDecimal("6").compareTo(inventory.get("/api/inventory/A").decimal("total.reserved")));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldAcceptOrdersWhileKafkaIsDownAndConfirmThemAllOnceItReturns() throws Exception {
        system.stopKafka();
        var numbers = new ArrayList<String>();
        try {
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                numbers.add(placeOrder("1"));
                assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 3_000, "Kafka down must not slow a request");
            }
            assertEquals(20L, count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND status = 'PLACED'"));
            assertEquals(20L, count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ? AND published_at IS NULL"
                    + " AND event_type = 'psi.sales-order.placed.v1'"));
        } finally {
            system.startKafka();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            system.sweep(); // what the PingSources do every minute
            return count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ? AND status = 'CONFIRMED'") == 20;
        });
        assertEquals(0, new BigDecimal("20").compareTo(inventory.get("/api/inventory/A").decimal("total.reserved")));
        assertStockEqualsLedger(tenant);
    }

    @Test
    void shouldDeadLetterAPoisonEventAndKeepThePartitionFlowing() throws Exception {
        // The poison carries the key of this tenant's first order, so it lands on the same partition, ahead of it.
        String firstNumber = "SO-" + LocalDate.now(ZoneOffset.UTC).getYear() + "-000001";
        String poisonId = "poison-" + UUID.randomUUID();
        try (var producer = producer()) {
            var record = new ProducerRecord<>("psi.sales-orders", firstNumber, "{ this is not an order");
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", poisonId);
            header(record, "ce_type", "psi.sales-order.placed.v1");
            header(record, "ce_source", "/psi/somewhere");
            header(record, "ce_tenantid", tenant);
            header(record, "content-type", "application/json");
            producer.send(record).get();
        }

        String number = placeOrder("1");

        assertEquals(firstNumber, number);
        awaitStatus(number, "CONFIRMED");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                decimal("SELECT COUNT(*) FROM dead_letters WHERE event_id = ?", poisonId).longValue() == 1);
        var letters = SystemUnderTest.internal("stock-adjust", tenant).get("/events/dead-letters");
        assertEquals(200, letters.status(), letters.body());
        assertTrue(letters.body().contains(poisonId), letters.body());
    }

    /** Sends every event of this tenant again, with its original CloudEvent id, as a redelivery would. */
    private int republishOutbox() throws Exception {
        int sent = 0;
        try (var connection = TestInfrastructure.get().connection();
             var statement = connection.prepareStatement("SELECT event_id, event_type, source, topic, message_key, payload,"
                     + " occurred_at FROM outbox WHERE tenant_id = ? AND event_type IN ('psi.sales-order.placed.v1',"
                     + " 'psi.stock.reserved.v1') ORDER BY id");
             var producer = producer()) {
            statement.setString(1, tenant);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    var record = new ProducerRecord<>(rows.getString("topic"), rows.getString("message_key"), rows.getString("payload"));
                    header(record, "ce_specversion", "1.0");
                    header(record, "ce_id", rows.getString("event_id"));
                    header(record, "ce_type", rows.getString("event_type"));
                    header(record, "ce_source", rows.getString("source"));
                    header(record, "ce_time", rows.getTimestamp("occurred_at").toInstant().toString());
                    header(record, "ce_tenantid", tenant);
                    header(record, "content-type", "application/json");
                    producer.send(record).get();
                    sent++;
                }
            }
        }
        assertEquals(6, sent, "3 placed and 3 reserved");
        return sent;
    }

    private KafkaProducer<String, String> producer() {
        var properties = new Properties();
        properties.put("bootstrap.servers", system.kafkaBootstrapServers());
        properties.put("linger.ms", "0");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private double duplicates(String function) {
        return Prometheus.sum(SystemUnderTest.api(function, tenant).get("/prometheus").body(),
                "psi_events_consumed_total", "outcome", "duplicate");
    }

    private String placeOrder(String quantity) {
        var response = orders.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(Map.of("sku", "A", "quantity", new BigDecimal(quantity)))));
        assertEquals(201, response.status(), response.body());
        return response.text("number");
    }

    private void awaitStatus(String number, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(workflow.get("/api/sales-orders/" + number).text("status")));
    }

    private long count(String sql) {
        return decimal(sql, tenant).longValue();
    }
}

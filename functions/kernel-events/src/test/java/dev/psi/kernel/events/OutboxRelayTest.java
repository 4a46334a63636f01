package dev.psi.kernel.events;

import static dev.psi.kernel.events.TestEvents.aPlacedOrder;
import static dev.psi.kernel.events.TestEvents.anEventId;
import static dev.psi.kernel.events.TestEvents.anOrderNumber;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.events.Topics;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.testing.Api;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.Rows;
import dev.psi.testing.TestInfrastructure;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The outbox relay against the real database and a real Kafka broker. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayTest implements PsiTestResources {

    private static final Pattern PENDING_GAUGE = Pattern.compile("(?m)^psi_outbox_pending(\\{[^}]*})? (\\S+)$");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    Database database;

    @Inject
    JsonMapper json;

    TopicTail salesOrders;

    @Override
    public boolean usesKafka() {
        return true;
    }

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(PsiTestResources.super.getProperties());
        properties.put("micronaut.application.name", "kernel-test");
        // Small claims, so that two concurrent sweeps interleave over several batches.
        properties.put("psi.outbox.batch-size", "5");
        properties.put("psi.outbox.pending-gauge-ttl", "100ms");
        return properties;
    }

    @BeforeAll
    void tailTopic() {
        salesOrders = TopicTail.from(TestInfrastructure.get().kafkaBootstrapServers(), Topics.SALES_ORDERS);
    }

    @AfterAll
    void closeTail() {
        salesOrders.close();
    }

    @Test
    void shouldReadAnAggregatesTrailOfEmittedAndAppliedEventsOldestFirstForItsTenantOnly() throws Exception {
        String order = anOrderNumber();
        String emitted = anEventId();
        assertEquals(200, place(server.getURI(), order, emitted, false).status());
        var applied = aPlacedOrder(anEventId(), order, "C-1");
        var answer = new Api(server.getURI(), TestEvents.TENANT).withAuthorization(null).post("/events", Api.write(applied),
                "ce-specversion", "1.0", "ce-id", applied.eventId(), "ce-source", "/psi/order-create",
                "ce-type", applied.eventType().type(), "ce-time", applied.occurredAt().toString(),
                "ce-tenantid", applied.tenantId());
        assertEquals(200, answer.status(), answer::toString);

        var trail = database.read(tx -> EventTrail.of(tx, new TenantId(TestEvents.TENANT), order));

        assertEquals(List.of(EventTrail.EMITTED + " " + emitted, EventTrail.APPLIED + " " + applied.eventId()),
                trail.stream().map(e -> e.direction() + " " + e.eventId()).toList(), trail::toString);
        assertTrue(trail.stream().allMatch(e -> applied.eventType().type().equals(e.eventType()) && e.at() != null),
                trail::toString);
        assertEquals(List.of(), database.read(tx -> EventTrail.of(tx, new TenantId("other-tenant"), order)));
    }

    @Test
    void shouldPublishAnAppendedEventAfterCommitAsABinaryCloudEvent() throws IOException {
        String order = anOrderNumber();
        String eventId = anEventId();

        var answer = place(server.getURI(), order, eventId, false);

        assertEquals(200, answer.status(), answer::toString);
        var record = salesOrders.await(order, 1).get(0);
        assertEquals(order, record.key());
        assertEquals(Map.of(
                        "ce_specversion", "1.0",
                        "ce_id", eventId,
                        "ce_type", "psi.sales-order.placed.v1",
                        "ce_source", "/psi/kernel-test",
                        "ce_tenantid", TestEvents.TENANT,
                        "content-type", "application/json"),
                headers(record, "ce_specversion", "ce_id", "ce_type", "ce_source", "ce_tenantid", "content-type"));
        var body = json.readValue(record.value(), SalesOrderEvents.Placed.class);
        assertEquals(eventId, body.eventId());
        assertEquals(order, body.orderNumber());
        assertEquals(body.occurredAt(), OffsetDateTime.parse(TopicTail.header(record, "ce_time")).toInstant());
        // The SDK reads the record back as the same event: binary mode, JSON data.
        var cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
        assertEquals(eventId, cloudEvent.getId());
        assertEquals(TestEvents.TENANT, cloudEvent.getExtension("tenantid"));
        assertEquals(body, json.readValue(cloudEvent.getData().toBytes(), SalesOrderEvents.Placed.class));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Db.outboxRow(eventId).get("published_at") != null);
    }

    @Test
    void shouldPublishNothingWhenTheTransactionRollsBack() {
        String order = anOrderNumber();
        String rolledBack = anEventId();
        String marker = anEventId();

        var failed = place(server.getURI(), order, rolledBack, true);
        var placed = place(server.getURI(), order, marker, false);

        assertEquals(409, failed.status(), failed::toString);
        assertEquals(200, placed.status(), placed::toString);
        assertEquals(0, Rows.count("SELECT COUNT(*) FROM outbox WHERE event_id = ?", rolledBack));
        // Same key, same partition, published in commit order: had the rolled-back event been sent,
        // it would have arrived before the marker.
        var records = salesOrders.await(order, 1);
        assertEquals(List.of(marker), records.stream().map(r -> TopicTail.header(r, "ce_id")).toList());
    }

    @Test
    void shouldCommitWithoutWaitingForKafkaAndLeaveTheRowForTheSweepWhenKafkaIsDown() {
        String firstOrder = anOrderNumber();
        String secondOrder = anOrderNumber();
        String first = anEventId();
        String second = anEventId();
        long elapsed;
        try (var offline = offlineFunction()) {
            var offlineServer = offline.getBean(EmbeddedServer.class).start();
            place(offlineServer.getURI(), firstOrder, first, false);
            long start = System.nanoTime();
            var answer = place(offlineServer.getURI(), secondOrder, second, false);
            elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(200, answer.status(), answer::toString);
            // The first publish attempt waits max.block.ms (3 s) for a broker, then gives up.
            await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) Db.outboxRow(first).get("attempts")).intValue() >= 1);
        }

        assertTrue(elapsed < 1_500, "the request waited " + elapsed + " ms; it must not wait for Kafka");
        var firstRow = Db.outboxRow(first);
        assertNull(firstRow.get("published_at"));
        assertTrue(String.valueOf(firstRow.get("last_error")).contains("Timeout"), firstRow::toString);
        assertNull(Db.outboxRow(second).get("published_at"));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingGauge() >= 2);

        var sweep = sweep();

        assertTrue(sweep.published() >= 2, sweep::toString);
        assertNotNull(Db.outboxRow(first).get("published_at"));
        assertNotNull(Db.outboxRow(second).get("published_at"));
        assertEquals(first, TopicTail.header(salesOrders.await(firstOrder, 1).get(0), "ce_id"));
        assertEquals(second, TopicTail.header(salesOrders.await(secondOrder, 1).get(0), "ce_id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingGauge() == sweep.pending());
    }

    @Test
    void shouldHoldBackLaterEventsOfAnAggregateWhoseEarlierEventFailed() {
        String blockedOrder = anOrderNumber();
        String otherOrder = anOrderNumber();
        var poisoned = aPlacedOrder(blockedOrder);
        var afterPoisoned = aPlacedOrder(blockedOrder);
        var other = aPlacedOrder(otherOrder);
        // A topic name Kafka refuses: this row fails on its own, the broker is fine.
        long poisonedId = insertPending(poisoned, "psi.no such topic!");
        long afterId = insertPending(afterPoisoned, Topics.SALES_ORDERS);
        insertPending(other, Topics.SALES_ORDERS);

        var first = sweep();

        assertTrue(first.failed() >= 1, first::toString);
        var poisonedRow = Db.outboxRow(poisoned.eventId());
        assertEquals(1, ((Number) poisonedRow.get("attempts")).intValue(), poisonedRow::toString);
        assertTrue(String.valueOf(poisonedRow.get("last_error")).contains("InvalidTopic"), poisonedRow::toString);
        assertNull(Db.outboxRow(afterPoisoned.eventId()).get("published_at"));
        assertNotNull(Db.outboxRow(other.eventId()).get("published_at"));
        assertEquals(other.eventId(), TopicTail.header(salesOrders.await(otherOrder, 1).get(0), "ce_id"));

        Rows.execute("UPDATE outbox SET topic = ? WHERE id = ?", Topics.SALES_ORDERS, poisonedId);
        var second = sweep();

        assertTrue(second.published() >= 2, second::toString);
        assertEquals(List.of(poisoned.eventId(), afterPoisoned.eventId()),
                salesOrders.await(blockedOrder, 2).stream().map(r -> TopicTail.header(r, "ce_id")).toList());
        assertTrue(poisonedId < afterId);
    }

    @Test
    void shouldPublishEveryRowOnceAndInOrderWhenTwoSweepsRunAtOnce() {
        List<String> orders = IntStream.range(0, 4).mapToObj(i -> anOrderNumber()).toList();
        var expected = new HashMap<String, List<String>>();
        for (int i = 0; i < 25; i++) {
            for (String order : orders) {
                var event = aPlacedOrder(order);
                insertPending(event, Topics.SALES_ORDERS);
                expected.computeIfAbsent(order, o -> new ArrayList<>()).add(event.eventId());
            }
        }

        var sweeps = List.of(CompletableFuture.supplyAsync(this::sweep), CompletableFuture.supplyAsync(this::sweep));
        sweeps.forEach(CompletableFuture::join);
        // A sweep may leave rows that the other one held back for order's sake; the next one takes them.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sweep();
            return Rows.count("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND aggregate_id IN (?, ?, ?, ?)",
                    orders.toArray()) == 0;
        });

        for (String order : orders) {
            var ids = salesOrders.await(order, 25).stream().map(r -> TopicTail.header(r, "ce_id")).toList();
            assertEquals(expected.get(order), ids, "order " + order);
        }
    }

    @Test
    void shouldReportThePendingGaugeAtPrometheus() {
        var sweep = sweep();

        await().atMost(Duration.ofSeconds(10)).until(() -> pendingGauge() == sweep.pending());
    }

    private Api.Response place(URI function, String order, String eventId, boolean fail) {
        return new Api(function, TestEvents.TENANT).withAuthorization(null).post(
                "/test/sales-orders/" + order + "?eventId=" + eventId + "&fail=" + fail, "");
    }

    /** What the PingSource of knative/ping-sources.yaml sends once a minute. */
    private SweepResult sweep() {
        return client.toBlocking().retrieve(HttpRequest.POST("/outbox/sweep", "{}")
                .contentType("application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", anEventId())
                .header("ce-source", "/apis/v1/namespaces/psi/pingsources/order-create-outbox-sweep")
                .header("ce-type", "dev.knative.sources.ping"), SweepResult.class);
    }

    private double pendingGauge() {
        var matcher = PENDING_GAUGE.matcher(client.toBlocking().retrieve("/prometheus"));
        return matcher.find() ? Double.parseDouble(matcher.group(2)) : Double.NaN;
    }

    /** The same function, pointed at a port where no broker listens. */
    private static ApplicationContext offlineFunction() {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var properties = new HashMap<String, Object>(TestInfrastructure.get().properties(false));
        properties.put("micronaut.application.name", "kernel-test-offline");
        properties.put("psi.kafka.bootstrap-servers", "127.0.0.1:" + closedPort);
        properties.put("psi.outbox.publish-after-commit", true); // this test is about publishing after commit
        properties.put("psi.kafka.producer.max-block", "3s");
        return ApplicationContext.run(properties);
    }

    /** A committed row that no after-commit publish knows about, as a crashed process leaves it. */
    private long insertPending(PsiEvent event, String topic) {
        try {
            Rows.execute("INSERT INTO outbox (tenant_id, event_id, event_type, source, topic, message_key, aggregate_id,"
                            + " payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    event.tenantId(), event.eventId(), event.eventType().type(), "/psi/kernel-test", topic,
                    event.aggregateId(), event.aggregateId(), json.writeValueAsString(event),
                    LocalDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ((Number) Db.outboxRow(event.eventId()).get("id")).longValue();
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record, String... names) {
        var headers = new HashMap<String, String>();
        for (String name : names) {
            headers.put(name, TopicTail.header(record, name));
        }
        return headers;
    }
}

package dev.psi.kernel.events;

import static dev.psi.kernel.events.TestEvents.aLowStock;
import static dev.psi.kernel.events.TestEvents.aPlacedOrder;
import static dev.psi.kernel.events.TestEvents.anEventId;
import static dev.psi.kernel.events.TestEvents.anOrderNumber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.events.PsiEvent;
import dev.psi.testing.Api;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.Rows;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /events} and the dead-letter endpoints, driven over HTTP as Knative drives them. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsEndpointTest implements PsiTestResources {

    private static final String PLACED = "psi.sales-order.placed.v1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(PsiTestResources.super.getProperties());
        properties.put("micronaut.application.name", "kernel-test");
        return properties;
    }

    @Test
    void shouldApplyAnEventDeliveredByAKafkaSourceOnceAndLogItsIdAndOrder() throws IOException {
        var event = aPlacedOrder(anOrderNumber());
        double appliedBefore = consumed(PLACED, "applied");

        var answer = deliver(binary(event));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(Map.of("outcome", "applied", "id", event.eventId(), "type", PLACED), map(answer.body()));
        assertEquals(1, applications(event.orderNumber()));
        assertEquals(Map.of("consumer", TestEventHandler.CONSUMER, "tenant_id", TestEvents.TENANT, "event_type", PLACED,
                        "aggregate_id", event.aggregateId(), "outcome", "applied"),
                Rows.one("SELECT consumer, tenant_id, event_type, aggregate_id, outcome FROM inbox WHERE event_id = ?",
                        event.eventId()));
        // The handler ran with the CloudEvent id and the order number in the MDC.
        var details = map((String) Rows.one("SELECT details FROM audit_log WHERE entity_key = ?", event.orderNumber()).get("details"));
        assertEquals(List.of(event.eventId(), event.orderNumber()), List.of(details.get("mdcEventId"), details.get("mdcOrder")));
        assertEquals(appliedBefore + 1, consumed(PLACED, "applied"));
    }

    @Test
    void shouldAnswerARepeatedDeliveryAsADuplicateAndApplyItOnce() {
        var event = aPlacedOrder(anOrderNumber());
        double duplicatesBefore = consumed(PLACED, "duplicate");

        var first = deliver(binary(event));
        var repeat = deliver(binary(event));

        assertEquals(List.of(200, 200), List.of(first.status(), repeat.status()));
        assertEquals("applied", map(first.body()).get("outcome"));
        assertEquals("duplicate", map(repeat.body()).get("outcome"));
        assertEquals(1, applications(event.orderNumber()));
        assertEquals(duplicatesBefore + 1, consumed(PLACED, "duplicate"));
    }

    @Test
    void shouldApplyConcurrentDeliveriesOfOneEventOnce() {
        var event = aPlacedOrder(anOrderNumber());
        var start = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Api.Response>> deliveries = IntStream.range(0, 10)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return deliver(binary(event));
                    }, threads))
                    .toList();
            start.countDown();

            var outcomes = new ArrayList<String>();
            for (var delivery : deliveries) {
                var answer = delivery.join();
                assertEquals(200, answer.status(), answer::toString);
                outcomes.add((String) map(answer.body()).get("outcome"));
            }
            assertEquals(1, outcomes.stream().filter("applied"::equals).count(), outcomes::toString);
            assertEquals(9, outcomes.stream().filter("duplicate"::equals).count(), outcomes::toString);
            assertEquals(1, applications(event.orderNumber()));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldApplyAStructuredModeDelivery() throws IOException {
        var event = aPlacedOrder(anOrderNumber());
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.eventId());
        envelope.put("source", "/psi/order-create");
        envelope.put("type", PLACED);
        envelope.put("time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        envelope.put("tenantid", event.tenantId());
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", map(json.writeValueAsString(event)));

        var answer = deliver(HttpRequest.POST("/events", json.writeValueAsBytes(envelope))
                .contentType("application/cloudevents+json"));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("applied", map(answer.body()).get("outcome"));
        assertEquals(1, applications(event.orderNumber()));
    }

    @Test
    void shouldIgnoreAValidTypeThisConsumerDoesNotHandle() {
        var event = aLowStock("SKU-" + anEventId());
        double ignoredBefore = consumed("psi.stock.low.v1", "ignored");

        var answer = deliver(binary(event));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("ignored", map(answer.body()).get("outcome"));
        assertEquals(0, Rows.count("SELECT COUNT(*) FROM inbox WHERE event_id = ?", event.eventId()));
        assertEquals(ignoredBefore + 1, consumed("psi.stock.low.v1", "ignored"));
    }

    @Test
    void shouldRejectABodyThatIsNotJsonWith400() {
        var event = aPlacedOrder(anOrderNumber());
        double rejectedBefore = consumed(PLACED, "rejected");

        var answer = deliver(binary(event).body("{not json".getBytes(StandardCharsets.UTF_8)));

        assertProblem(400, "urn:psi:problem:malformed", answer);
        assertEquals(0, Rows.count("SELECT COUNT(*) FROM inbox WHERE event_id = ?", event.eventId()));
        assertEquals(rejectedBefore + 1, consumed(PLACED, "rejected"));
    }

    @Test
    void shouldRejectAnUnknownTypeWith400() {
        var event = aPlacedOrder(anOrderNumber());

        var answer = deliver(binary(event).header("ce-type", "psi.sales-order.teleported.v1"));

        assertProblem(400, "urn:psi:problem:validation", answer);
        assertTrue(answer.body().contains("psi.sales-order.teleported.v1"), answer::toString);
        assertEquals(0, applications(event.orderNumber()));
    }

    @Test
    void shouldRejectADeliveryWithoutACloudEventIdWith400() {
        var event = aPlacedOrder(anOrderNumber());
        MutableHttpRequest<byte[]> request = binary(event);
        request.getHeaders().remove("ce-id");

        var answer = deliver(request);

        assertProblem(400, "urn:psi:problem:malformed", answer);
        assertEquals(0, applications(event.orderNumber()));
    }

    @Test
    void shouldRejectABodyWithoutItsRequiredFieldsWith400AndNameThem() throws IOException {
        var event = aPlacedOrder(anOrderNumber());
        var body = map(json.writeValueAsString(event));
        body.remove("customerCode");
        body.put("lines", null);

        var answer = deliver(binary(event).body(json.writeValueAsBytes(body)));

        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.body().contains("customerCode") && answer.body().contains("lines"), answer::toString);
        assertEquals(0, applications(event.orderNumber()));
    }

    @Test
    void shouldRejectAnEventTheHandlerCanNeverApplyWith400AndApplyNothing() {
        var event = aPlacedOrder(anEventId(), anOrderNumber(), "REJECT");

        var answer = deliver(binary(event));

        assertProblem(400, "urn:psi:problem:not-found", answer);
        assertEquals(0, Rows.count("SELECT COUNT(*) FROM inbox WHERE event_id = ?", event.eventId()));
    }

    @Test
    void shouldAnswer5xxForAnUnexpectedFailureSoThatTheSenderRetries() {
        var event = aPlacedOrder(anEventId(), anOrderNumber(), "BOOM");
        double failedBefore = consumed(PLACED, "failed");

        var answer = deliver(binary(event));

        assertEquals(500, answer.status(), answer::toString);
        assertEquals(0, Rows.count("SELECT COUNT(*) FROM inbox WHERE event_id = ?", event.eventId()));
        assertEquals(failedBefore + 1, consumed(PLACED, "failed"));
    }

    @Test
    void shouldExposeTheConsumedEventsCounterAtPrometheus() {
        deliver(binary(aPlacedOrder(anOrderNumber())));

        String scrape = events().get("/prometheus").body();

        assertTrue(scrape.lines().anyMatch(line -> line.startsWith("psi_events_consumed_total{")
                && line.contains("outcome=\"applied\"") && line.contains("type=\"" + PLACED + "\"")), scrape);
    }

    @Test
    void shouldStoreADeadLetterWithKnativesReason() {
        var event = aPlacedOrder(anOrderNumber());
        String why = "{\"type\":\"urn:psi:problem:not-found\",\"status\":400}";
        var request = binary("/events/dead-letter", event)
                .header("ce-knativeerrorcode", "400")
                .header("ce-knativeerrordest", "http://stock-adjust.psi.svc.cluster.local/events")
                .header("ce-knativeerrordata", Base64.getEncoder().encodeToString(why.getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer secret");

        var answer = deliver(request);

        assertEquals(202, answer.status(), answer::toString);
        var row = Rows.one("SELECT consumer, event_type, event_source, tenant_id, headers, payload, reason FROM dead_letters"
                + " WHERE event_id = ?", event.eventId());
        assertEquals(List.of(TestEventHandler.CONSUMER, PLACED, "/psi/order-create", TestEvents.TENANT),
                List.of(row.get("consumer"), row.get("event_type"), row.get("event_source"), row.get("tenant_id")));
        assertTrue(String.valueOf(row.get("reason")).contains("HTTP 400 from http://stock-adjust")
                && String.valueOf(row.get("reason")).contains(why), row::toString);
        assertTrue(String.valueOf(row.get("payload")).contains(event.orderNumber()), row::toString);
        assertTrue(!String.valueOf(row.get("headers")).contains("secret"), "credentials must not be stored: " + row);

        var listed = events().get("/events/dead-letters?page=0&size=50").json();
        assertTrue(((List<?>) listed.get("items")).stream()
                .anyMatch(item -> event.eventId().equals(((Map<?, ?>) item).get("eventId"))), listed::toString);
    }

    @Test
    void shouldStoreEvenAGarbageDeadLetter() {
        String reason = "gave up on " + anEventId();

        var answer = events().post("/events/dead-letter", "garbage", "Content-Type", "text/plain",
                "x-dead-letter-reason", reason);

        assertEquals(202, answer.status(), answer::toString);
        long id = ((Number) map(answer.body()).get("deadLetterId")).longValue();
        var row = Rows.one("SELECT consumer, payload, reason, event_id FROM dead_letters WHERE id = ?", id);
        assertEquals(java.util.Arrays.asList(TestEventHandler.CONSUMER, "garbage", reason, null),
                java.util.Arrays.asList(row.get("consumer"), row.get("payload"), row.get("reason"), row.get("event_id")));
    }

    @Test
    void shouldAnswerAnInvalidDeadLetterPageWithAProblem() {
        var answer = events().get("/events/dead-letters?size=0");

        assertProblem(400, "urn:psi:problem:validation", answer);
    }

    /** The headers a Knative KafkaSource sends for a binary-mode record, and the record's value. */
    private MutableHttpRequest<byte[]> binary(PsiEvent event) {
        return binary("/events", event);
    }

    private MutableHttpRequest<byte[]> binary(String path, PsiEvent event) {
        try {
            return HttpRequest.POST(path, json.writeValueAsBytes(event))
                    .header("ce-specversion", "1.0")
                    .header("ce-id", event.eventId())
                    .header("ce-source", "/psi/order-create")
                    .header("ce-type", event.eventType().type())
                    .header("ce-time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()))
                    .header("ce-tenantid", event.tenantId())
                    .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .header("prefer", "reply")
                    .contentType("application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code request} (built as the sources build it) as it is: its method, headers and bytes. */
    private Api.Response deliver(HttpRequest<?> request) {
        var headers = new ArrayList<String>();
        request.getHeaders().forEach((name, values) -> values.forEach(value -> {
            headers.add(name);
            headers.add(value);
        }));
        String body = request.getBody().map(b -> b instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(b)).orElse(null);
        return events().send(request.getMethodName(), request.getUri().toString(), body, headers.toArray(String[]::new));
    }

    /** The event sources' side: this test's tenant, no user token (the headers a request names are sent). */
    private Api events() {
        return new Api(server.getURI(), TestEvents.TENANT).withAuthorization(null);
    }

    private long applications(String orderNumber) {
        return Rows.count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_key = ?", TestEventHandler.ACTION,
                orderNumber);
    }

    private double consumed(String type, String outcome) {
        var counter = meters.find(EventsController.CONSUMED).tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private Map<String, Object> map(String body) {
        try {
            return json.readValue(body, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProblem(int status, String type, Api.Response answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("application/problem+json", answer.contentType(), answer::toString);
        assertTrue(answer.body().contains("\"type\":\"" + type + "\""), answer::toString);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

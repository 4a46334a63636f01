package dev.psi.dispatcher;

import static dev.psi.dispatcher.TestEvents.DEAD_LETTER;
import static dev.psi.dispatcher.TestEvents.EVENTS;
import static dev.psi.dispatcher.TestEvents.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery through a real Kafka broker to real HTTP sinks. */
class DispatcherTest {

    private static final Duration FAST_BACKOFF = Duration.ofMillis(10);

    private static KafkaProducer<String, CloudEvent> producer;
    private TestSink sink;
    private final List<Dispatcher> dispatchers = new ArrayList<>();

    @BeforeAll
    static void producer() {
        producer = TestEvents.cloudEventProducer();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void sink() throws Exception {
        sink = new TestSink();
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(Dispatcher::close);
        sink.close();
    }

    private Dispatcher start(KafkaSourceDefinition... sources) {
        return start(DispatcherOptions.defaults().withCommitInterval(Duration.ofMillis(200)), sources);
    }

    private Dispatcher start(DispatcherOptions options, KafkaSourceDefinition... sources) {
        Dispatcher dispatcher = Dispatcher.start(List.of(sources), SharedKafka.bootstrapServers(),
                service -> TestEvents.SINK_SERVICE.equals(service) ? Optional.of(sink.baseUri()) : Optional.empty(),
                options);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private void send(String topic, String key, CloudEvent event) {
        producer.send(new ProducerRecord<>(topic, key, event));
    }

    private void send(String topic, int partition, String key, CloudEvent event) {
        producer.send(new ProducerRecord<>(topic, partition, key, event));
    }

    @Test
    void deliversBinaryModeRecordsAsBinaryModeCloudEvents() {
        String topic = SharedKafka.newTopic("binary", 3);
        KafkaSourceDefinition base = TestEvents.source(topic, 0, FAST_BACKOFF);
        KafkaSourceDefinition source = new KafkaSourceDefinition(base.name(), base.namespace(), base.topics(),
                base.consumerGroup(), base.bootstrapServers(), base.sink(), base.deadLetterSink(), 0,
                base.backoffPolicy(), base.backoffDelay(), base.timeout(), base.initialOffset(), base.ordering(),
                Map.of("origin", "dispatcher-test"));
        start(source);

        CloudEvent sent = CloudEventBuilder.v1(event("evt-1"))
                .withExtension("customer", "Zoë").build();
        send(topic, "SO-1", sent);
        // A structured-mode record (one JSON document, content-type application/cloudevents+json) is read too.
        try (KafkaProducer<String, byte[]> raw = TestEvents.rawProducer()) {
            ProducerRecord<String, byte[]> structured = new ProducerRecord<>(topic, "SO-2", ("{\"specversion\":\"1.0\","
                    + "\"id\":\"evt-2\",\"type\":\"psi.stock.reserved.v1\",\"source\":\"/psi/stock-adjust\","
                    + "\"tenantid\":\"acme\",\"datacontenttype\":\"application/json\",\"data\":{\"ok\":true}}")
                    .getBytes(StandardCharsets.UTF_8));
            structured.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            raw.send(structured);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.requests(EVENTS).size() == 2);
        TestSink.Request first = sink.requests(EVENTS).stream().filter(r -> "evt-1".equals(r.id())).findFirst().orElseThrow();
        assertEquals("psi.sales-order.placed.v1", first.header("ce-type"));
        assertEquals("/psi/order-create", first.header("ce-source"));
        assertEquals("1.0", first.header("ce-specversion"));
        assertEquals(sent.getTime().toInstant(), OffsetDateTime.parse(first.header("ce-time")).toInstant());
        assertEquals("acme", first.header("ce-tenantid"));
        assertEquals("dispatcher-test", first.header("ce-origin"), "spec.ceOverrides.extensions");
        assertEquals("Zo%C3%AB", first.header("ce-customer"), "non-ASCII percent-encoded, not refused");
        assertEquals("application/json", first.header("content-type"));
        assertArrayEquals(sent.getData().toBytes(), first.body());

        TestSink.Request second = sink.requests(EVENTS).stream().filter(r -> "evt-2".equals(r.id())).findFirst().orElseThrow();
        assertEquals("psi.stock.reserved.v1", second.header("ce-type"));
        assertEquals("acme", second.header("ce-tenantid"));
        assertEquals("application/json", second.header("content-type"));
        assertEquals("{\"ok\":true}", second.bodyText());
        assertEquals(List.of(), sink.requests(DEAD_LETTER));
    }

    @Test
    void keepsPartitionOrderFor200RecordsWhileTheSinkIsSlowForSomeAndThePartitionIsPaused() {
        String topic = SharedKafka.newTopic("order", 3);
        // A small buffer makes the poll thread pause and resume the partition many times on the way.
        start(DispatcherOptions.defaults().withMaxBufferedPerPartition(16), TestEvents.source(topic, 0, FAST_BACKOFF));
        sink.respondWith(request -> {
            int n = Integer.parseInt(request.id().substring("o-".length()));
            if (n % 10 == 3) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(15)); // the sink's own slow work, not a test wait
            }
            return TestSink.Reply.status(n % 7 == 0 ? 200 : 202);
        });
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "o-" + i).toList();
        ids.forEach(id -> send(topic, "SO-42", event(id)));

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.requests(EVENTS).size() >= 200);
        assertEquals(ids, sink.ids(EVENTS));
    }

    @Test
    void deliversPartitionsConcurrentlyButEachInOrder() throws Exception {
        String topic = SharedKafka.newTopic("parallel", 3);
        start(TestEvents.source(topic, 0, FAST_BACKOFF));
        CountDownLatch release = new CountDownLatch(1);
        sink.respondWith(request -> {
            if (request.id().startsWith("p0-")) {
                release.await(20, TimeUnit.SECONDS); // partition 0 is stuck until the test lets it go
            }
            return TestSink.Reply.status(202);
        });
        for (int i = 0; i < 5; i++) {
            send(topic, 0, "A", event("p0-" + i));
            send(topic, 1, "B", event("p1-" + i));
            send(topic, 2, "C", event("p2-" + i));
        }

        // Partitions 1 and 2 flow while partition 0 holds its first record.
        await().atMost(Duration.ofSeconds(20)).until(() ->
                sink.ids(EVENTS).stream().filter(id -> !id.startsWith("p0-")).count() == 10
                        && sink.ids(EVENTS).contains("p0-0"));
        assertEquals(List.of("p0-0"), sink.ids(EVENTS).stream().filter(id -> id.startsWith("p0-")).toList());
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.requests(EVENTS).size() == 15);
        for (String p : List.of("p0-", "p1-", "p2-")) {
            assertEquals(IntStream.range(0, 5).mapToObj(i -> p + i).toList(),
                    sink.ids(EVENTS).stream().filter(id -> id.startsWith(p)).toList());
        }
    }

    @Test
    void retriesA503TwiceThenDeliversAndOnlyThenTheNextRecord() {
        String topic = SharedKafka.newTopic("retry", 1);
        start(TestEvents.source(topic, 5, FAST_BACKOFF));
        AtomicInteger firstAttempts = new AtomicInteger();
        sink.respondWith(request -> TestSink.Reply.status(
                request.id().equals("r-1") && firstAttempts.incrementAndGet() <= 2 ? 503 : 202));
        send(topic, "SO-1", event("r-1"));
        send(topic, "SO-1", event("r-2"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.requests(EVENTS).size() == 4);
        assertEquals(List.of("r-1", "r-1", "r-1", "r-2"), sink.ids(EVENTS));
        List<TestSink.Request> requests = sink.requests(EVENTS);
        // Exponential backoff from 10 ms: at least 20 ms before retry 1, 40 ms before retry 2.
        assertTrue(requests.get(1).receivedNanos() - requests.get(0).receivedNanos() >= TimeUnit.MILLISECONDS.toNanos(20));
        assertTrue(requests.get(2).receivedNanos() - requests.get(1).receivedNanos() >= TimeUnit.MILLISECONDS.toNanos(40));
        assertEquals(List.of(), sink.requests(DEAD_LETTER));
    }

    @Test
    void a400GoesToTheDeadLetterSinkAtOnceWithTheReasonAndThePartitionFlowsOn() {
        String topic = SharedKafka.newTopic("reject", 1);
        start(TestEvents.source(topic, 5, FAST_BACKOFF));
        String problem = "{\"title\":\"unknown SKU\",\"status\":400}";
        sink.respondWith(request -> request.path().equals(EVENTS) && request.id().equals("bad")
                ? new TestSink.Reply(400, problem, Map.of("Content-Type", "application/problem+json",
                        "kne-reason", "unknown-sku"))
                : TestSink.Reply.status(202));
        CloudEvent bad = event("bad");
        send(topic, "SO-1", bad);
        send(topic, "SO-1", event("good"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.ids(EVENTS).contains("good"));
        assertEquals(List.of("bad", "good"), sink.ids(EVENTS), "no retry of a 400");
        List<TestSink.Request> dead = sink.requests(DEAD_LETTER);
        assertEquals(1, dead.size());
        TestSink.Request letter = dead.get(0);
        assertEquals("bad", letter.id());
        assertEquals("psi.sales-order.placed.v1", letter.header("ce-type"));
        assertEquals("acme", letter.header("ce-tenantid"));
        assertEquals(sink.baseUri() + EVENTS, letter.header("ce-knativeerrordest"));
        assertEquals("400", letter.header("ce-knativeerrorcode"));
        assertEquals(problem, new String(Base64.getDecoder().decode(letter.header("ce-knativeerrordata")),
                StandardCharsets.UTF_8));
        assertEquals("unknown-sku", letter.header("ce-reason"), "kne-* response headers become extensions");
        assertArrayEquals(bad.getData().toBytes(), letter.body());
        // The dead letter was sent before the next record was delivered.
        assertTrue(letter.receivedNanos() < sink.requests(EVENTS).get(1).receivedNanos());
        // Both records are done: the periodic asynchronous commit catches up while the dispatcher runs.
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedKafka.committedOffset("test-" + topic, topic) == 2);
    }

    @Test
    void aSinkThatAlwaysFailsGetsRetryPlusOneAttemptsThenTheEventIsDeadLettered() {
        String topic = SharedKafka.newTopic("always500", 1);
        int retry = 3;
        start(TestEvents.source(topic, retry, Duration.ofMillis(5)));
        sink.respondWith(request -> request.path().equals(EVENTS) && request.id().equals("doomed")
                ? new TestSink.Reply(500, "database down", Map.of()) : TestSink.Reply.status(202));
        send(topic, "SO-1", event("doomed"));
        send(topic, "SO-1", event("next"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.ids(EVENTS).contains("next"));
        assertEquals(List.of("doomed", "doomed", "doomed", "doomed", "next"), sink.ids(EVENTS));
        TestSink.Request letter = sink.requests(DEAD_LETTER).get(0);
        assertEquals("doomed", letter.id());
        assertEquals("500", letter.header("ce-knativeerrorcode"));
        assertEquals("database down", new String(Base64.getDecoder().decode(letter.header("ce-knativeerrordata")),
                StandardCharsets.UTF_8));
    }

    @Test
    void anUnreachableSinkIsRetriedThenDeadLetteredWithoutAStatusCode() throws Exception {
        String topic = SharedKafka.newTopic("unreachable", 1);
        URI closed;
        try (TestSink gone = new TestSink()) {
            closed = gone.baseUri();
        }
        KafkaSourceDefinition base = TestEvents.source(topic, 2, Duration.ofMillis(5));
        KafkaSourceDefinition source = new KafkaSourceDefinition(base.name(), base.namespace(), base.topics(),
                base.consumerGroup(), base.bootstrapServers(), Destination.service("gone", EVENTS),
                base.deadLetterSink(), base.retry(), base.backoffPolicy(), base.backoffDelay(), base.timeout(),
                base.initialOffset(), base.ordering(), base.ceOverrides());
        Dispatcher dispatcher = Dispatcher.start(List.of(source), SharedKafka.bootstrapServers(), service -> Optional.of(
                "gone".equals(service) ? closed : sink.baseUri()));
        dispatchers.add(dispatcher);
        send(topic, "SO-1", event("lost-1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.requests(DEAD_LETTER).size() == 1);
        TestSink.Request letter = sink.requests(DEAD_LETTER).get(0);
        assertEquals("lost-1", letter.id());
        assertEquals(closed + EVENTS, letter.header("ce-knativeerrordest"));
        assertNull(letter.header("ce-knativeerrorcode"));
        assertTrue(new String(Base64.getDecoder().decode(letter.header("ce-knativeerrordata")), StandardCharsets.UTF_8)
                .contains("ConnectException"));
    }

    @Test
    void whenTheDeadLetterSinkFailsTooTheEventIsLoggedAndThePartitionMovesOn() {
        String topic = SharedKafka.newTopic("dlsdown", 1);
        start(TestEvents.source(topic, 1, Duration.ofMillis(5)));
        sink.respondWith(request -> {
            if (request.path().equals(DEAD_LETTER)) {
                return TestSink.Reply.status(503);
            }
            return TestSink.Reply.status(request.id().equals("poison") ? 422 : 202);
        });
        send(topic, "SO-1", event("poison"));
        send(topic, "SO-1", event("after"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.ids(EVENTS).contains("after"));
        assertEquals(List.of("poison", "after"), sink.ids(EVENTS));
        assertEquals(List.of("poison", "poison"), sink.ids(DEAD_LETTER), "the dead-letter sink is retried too");
    }

    @Test
    void aRecordThatIsNotACloudEventIsDeadLetteredWrappedLikeKnative() {
        String topic = SharedKafka.newTopic("raw", 1);
        start(TestEvents.source(topic, 5, FAST_BACKOFF));
        try (KafkaProducer<String, byte[]> raw = TestEvents.rawProducer()) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "SKU-9",
                    "plain text".getBytes(StandardCharsets.UTF_8));
            record.headers().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
            raw.send(record);
            // ce_ headers without the required ce_id: not a valid CloudEvent either.
            ProducerRecord<String, byte[]> incomplete = new ProducerRecord<>(topic, "SKU-9", "{}".getBytes(StandardCharsets.UTF_8));
            incomplete.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            incomplete.headers().add("ce_type", "psi.stock.low.v1".getBytes(StandardCharsets.UTF_8));
            raw.send(incomplete);
        }
        send(topic, "SKU-9", event("valid"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.ids(EVENTS).contains("valid"));
        assertEquals(List.of("valid"), sink.ids(EVENTS), "the sink never sees a non-CloudEvent");
        List<TestSink.Request> dead = sink.requests(DEAD_LETTER);
        assertEquals(2, dead.size());
        TestSink.Request letter = dead.get(0);
        assertEquals(RecordEvents.RAW_TYPE, letter.header("ce-type"));
        assertEquals("partition:0/offset:0", letter.id());
        assertEquals("/apis/v1/namespaces/psi/kafkasources/test-" + topic + "#" + topic, letter.header("ce-source"));
        assertEquals("partition:0#0", letter.header("ce-subject"));
        assertEquals("SKU-9", letter.header("ce-key"));
        assertEquals("t-1", letter.header("ce-kafkaheadertrace"));
        assertEquals("plain text", letter.bodyText());
        assertTrue(new String(Base64.getDecoder().decode(letter.header("ce-knativeerrordata")), StandardCharsets.UTF_8)
                .startsWith("not a CloudEvent"));
        assertEquals("partition:0/offset:1", dead.get(1).id());
    }

    @Test
    void skipsSourcesWhoseSinkServiceHasNoUrl() {
        KafkaSourceDefinition nowhere = new KafkaSourceDefinition("nowhere", "psi", List.of("psi.stock"), "nowhere",
                List.of(), Destination.service("replenish", EVENTS), Optional.empty(), 0, BackoffPolicy.LINEAR,
                Duration.ofMillis(1), Optional.empty(), InitialOffset.EARLIEST, Ordering.ORDERED, Map.of());
        Dispatcher dispatcher = start(nowhere);
        assertEquals(List.of(), dispatcher.activeSources());
        assertEquals(Map.of("nowhere", "no URL for Service replenish"), dispatcher.skippedSources());
    }

    @Test
    void closeWaitsForTheRequestInFlightAndCommitsSoARestartDoesNotRedeliver() throws Exception {
        String topic = SharedKafka.newTopic("restart", 1);
        KafkaSourceDefinition source = TestEvents.source(topic, 0, FAST_BACKOFF);
        Dispatcher first = start(source);
        CountDownLatch slowStarted = new CountDownLatch(1);
        sink.respondWith(request -> {
            if (request.id().equals("c-5")) {
                slowStarted.countDown();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300)); // the sink's own slow work
            }
            return TestSink.Reply.status(202);
        });
        for (int i = 1; i <= 5; i++) {
            send(topic, "SO-1", event("c-" + i));
        }
        assertTrue(slowStarted.await(20, TimeUnit.SECONDS));
        first.close();
        long closedAt = System.nanoTime();
        assertTrue(sink.replyNanos("c-5").filter(replied -> replied <= closedAt).isPresent(),
                "close() returned before the sink answered the request in flight");

        Dispatcher second = start(source);
        send(topic, "SO-1", event("c-6"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.ids(EVENTS).contains("c-6"));
        assertEquals(List.of("c-1", "c-2", "c-3", "c-4", "c-5", "c-6"), sink.ids(EVENTS));
        second.close();
    }

    @Test
    void closeEndsABackoffWaitAndLeavesThatRecordForTheNextRun() throws Exception {
        String topic = SharedKafka.newTopic("abandon", 1);
        KafkaSourceDefinition source = TestEvents.source(topic, 5, Duration.ofSeconds(5));
        Dispatcher first = start(source);
        sink.respondWith(request -> TestSink.Reply.status(503));
        send(topic, "SO-1", event("later"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.requests(EVENTS).size() == 1);

        long t0 = System.nanoTime();
        first.close(); // the worker is waiting 10 s before retry 1
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "close waited for the backoff");

        sink.respondWith(request -> TestSink.Reply.status(202));
        start(source);
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.requests(EVENTS).size() == 2);
        assertEquals(List.of("later", "later"), sink.ids(EVENTS));
        assertEquals(List.of(), sink.requests(DEAD_LETTER));
    }
}

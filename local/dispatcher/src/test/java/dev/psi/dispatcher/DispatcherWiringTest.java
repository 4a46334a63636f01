package dev.psi.dispatcher;

import static dev.psi.dispatcher.TestEvents.EVENTS;
import static dev.psi.dispatcher.TestEvents.event;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The real knative/ manifests drive the dispatcher: topics, groups, sinks. Plus a latency measurement. */
class DispatcherWiringTest {

    @Test
    void theManifestsRouteEachTopicToItsFunctions() throws Exception {
        try (TestSink stockAdjust = new TestSink(); TestSink orderWorkflow = new TestSink();
             KafkaProducer<String, CloudEvent> producer = TestEvents.cloudEventProducer()) {
            Map<String, URI> urls = Map.of("stock-adjust", stockAdjust.baseUri(), "order-workflow", orderWorkflow.baseUri());
            try (Dispatcher dispatcher = Dispatcher.start(KafkaSources.load(Repo.knative()), SharedKafka.bootstrapServers(),
                    name -> Optional.ofNullable(urls.get(name)))) {
                assertEquals(List.of("stock-adjust-sales-orders", "stock-adjust-purchase-orders", "order-workflow-stock"),
                        dispatcher.activeSources());
                assertEquals(Map.of("finance-stock", "no URL for Service finance", "replenish-stock", "no URL for Service replenish"),
                        dispatcher.skippedSources());

                producer.send(new ProducerRecord<>("psi.sales-orders", "SO-1", event("so-1", "psi.sales-order.placed.v1")));
                producer.send(new ProducerRecord<>("psi.purchase-orders", "PO-1",
                        event("po-1", "psi.purchase-order.goods-received.v1")));
                producer.send(new ProducerRecord<>("psi.stock", "SKU-1", event("st-1", "psi.stock.reserved.v1")));

                await().atMost(Duration.ofSeconds(20)).until(() ->
                        stockAdjust.requests(EVENTS).size() == 2 && orderWorkflow.requests(EVENTS).size() == 1);
                assertEquals(List.of("po-1", "so-1"), stockAdjust.ids(EVENTS).stream().sorted().toList());
                assertEquals(List.of("st-1"), orderWorkflow.ids(EVENTS));
            }
        }
    }

    /** One record at a time: produce, then wait until the sink has it. Prints p50/p90/p99. */
    @Test
    void measuresProduceToSinkLatency() throws Exception {
        String topic = SharedKafka.newTopic("latency", 3);
        try (TestSink sink = new TestSink(); KafkaProducer<String, CloudEvent> producer = TestEvents.cloudEventProducer();
             Dispatcher dispatcher = Dispatcher.start(List.of(TestEvents.source(topic, 0, Duration.ofMillis(10))),
                     SharedKafka.bootstrapServers(), name -> Optional.of(sink.baseUri()))) {
            assertTrue(dispatcher.awaitAssignment(Duration.ofSeconds(20)));
            // Warm-up: connections, JIT, the group's first fetch.
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, "SKU-" + i, event("warm-" + i)));
                assertTrue(sink.arrivals().poll(20, TimeUnit.SECONDS) != null, "warm-up record " + i + " not delivered");
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                CloudEvent event = event("lat-" + i);
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "SKU-" + i, event));
                TestSink.Request got = sink.arrivals().poll(20, TimeUnit.SECONDS);
                assertTrue(got != null && got.id().equals(event.getId()), "record " + i + " not delivered");
                micros.add((got.receivedNanos() - t0) / 1_000);
            }
            Collections.sort(micros);
            System.out.printf("produce -> sink latency over %d records: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    micros.size(), micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 9 / 10) / 1000.0,
                    micros.get(micros.size() * 99 / 100) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
            assertTrue(micros.get(micros.size() / 2) < 100_000, "p50 above 100 ms: " + micros.get(micros.size() / 2) + " µs");
        }
    }
}

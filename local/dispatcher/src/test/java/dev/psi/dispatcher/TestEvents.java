package dev.psi.dispatcher;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers and definitions shared by the delivery tests. */
final class TestEvents {

    static final String SINK_SERVICE = "sink";
    static final String EVENTS = "/events";
    static final String DEAD_LETTER = "/events/dead-letter";

    private TestEvents() {
    }

    /** Produces binary-mode CloudEvents ({@code ce_*} headers, JSON value), as the PSI outbox relay does. */
    static KafkaProducer<String, CloudEvent> cloudEventProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class,
                CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY.name()));
    }

    static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static CloudEvent event(String id) {
        return event(id, "psi.sales-order.placed.v1");
    }

    static CloudEvent event(String id, String type) {
        String body = "{\"eventId\":\"" + id + "\",\"tenantId\":\"acme\",\"aggregateId\":\"SO-1\","
                + "\"occurredAt\":\"2025-01-02T03:04:05.678Z\"}";
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(URI.create("/psi/order-create"))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS))
                .withExtension("tenantid", "acme")
                .withData("application/json", body.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** A source on {@code topic} whose sink and dead-letter sink are the test Service {@value #SINK_SERVICE}. */
    static KafkaSourceDefinition source(String topic, int retry, Duration backoffDelay) {
        String name = "test-" + topic;
        return new KafkaSourceDefinition(name, "psi", List.of(topic), name, List.of("ignored:9092"),
                Destination.service(SINK_SERVICE, EVENTS),
                Optional.of(Destination.service(SINK_SERVICE, DEAD_LETTER)),
                retry, BackoffPolicy.EXPONENTIAL, backoffDelay, Optional.of(Duration.ofSeconds(10)),
                InitialOffset.EARLIEST, Ordering.ORDERED, Map.of());
    }
}

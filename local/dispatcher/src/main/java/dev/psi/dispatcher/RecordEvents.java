package dev.psi.dispatcher;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns Kafka records into CloudEvents the way Knative's KafkaSource does. */
final class RecordEvents {

    /** The type Knative gives a Kafka record that is not a CloudEvent. */
    static final String RAW_TYPE = "dev.knative.kafka.event";

    private RecordEvents() {
    }

    /**
     * The CloudEvent a record carries: binary mode ({@code ce_*} headers, the value as data) or structured mode
     * ({@code content-type: application/cloudevents+json}).
     *
     * @throws NotACloudEvent when the record is neither, or its attributes are incomplete or malformed
     */
    static CloudEvent read(ConsumerRecord<byte[], byte[]> record) throws NotACloudEvent {
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) { // CloudEventRWException, IllegalStateException from the builder, ...
            throw new NotACloudEvent(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /**
     * A record that is not a CloudEvent, wrapped like Knative's KafkaSource wraps it: type
     * {@code dev.knative.kafka.event}, id {@code partition:<p>/offset:<o>}, source
     * {@code /apis/v1/namespaces/<ns>/kafkasources/<name>#<topic>}, subject {@code partition:<p>#<o>}, time the
     * record's timestamp, the key as extension {@code key}, each Kafka header as extension
     * {@code kafkaheader<name>}, the value as data.
     */
    static CloudEvent wrapRaw(ConsumerRecord<byte[], byte[]> record, KafkaSourceDefinition source) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId("partition:" + record.partition() + "/offset:" + record.offset())
                .withSource(URI.create("/apis/v1/namespaces/" + source.namespace() + "/kafkasources/" + source.name()
                        + "#" + record.topic()))
                .withType(RAW_TYPE)
                .withSubject("partition:" + record.partition() + "#" + record.offset());
        if (record.timestamp() >= 0) {
            builder.withTime(OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC));
        }
        if (record.key() != null) {
            builder.withExtension("key", new String(record.key(), StandardCharsets.UTF_8));
        }
        String contentType = null;
        for (Header header : record.headers()) {
            String value = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            if (header.key().equalsIgnoreCase("content-type")) {
                contentType = value;
            }
            String name = "kafkaheader" + header.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (name.length() <= 250) {
                builder.withExtension(name, value);
            }
        }
        if (record.value() != null) {
            builder.withData(contentType, record.value());
        }
        return builder.build();
    }

    /** The record does not carry a valid CloudEvent. */
    static final class NotACloudEvent extends Exception {
        private static final long serialVersionUID = 1L;

        NotACloudEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

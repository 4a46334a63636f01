package dev.psi.kernel.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox rows to Kafka as binary-mode CloudEvents: {@code ce_*} headers, {@code content-type:
 * application/json}, the event JSON as the value, the aggregate id as the key.
 *
 * <p>The producer is created on the first send, never at start-up: a scale-to-zero function that
 * answers a read must not connect to Kafka. It is idempotent with {@code acks=all}, so the broker's
 * retries neither lose nor reorder a key's records, and {@code linger.ms=0}, because records leave
 * one commit at a time and every hop of the chain would otherwise wait the linger. Short
 * {@code max.block.ms} and {@code delivery.timeout.ms} make a send to a broker that is down fail
 * within seconds: the row stays pending for the sweep instead of holding a connection.
 */
@Singleton
final class KafkaPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    static final String TENANT_EXTENSION = "tenantid";
    static final String CONTENT_TYPE = "application/json";

    private final String bootstrapServers;
    private final String clientId;
    private final Duration maxBlock;
    private final Duration deliveryTimeout;
    private Producer<String, byte[]> producer;

    KafkaPublisher(@Value("${psi.kafka.bootstrap-servers}") String bootstrapServers,
                   @Value("${micronaut.application.name:psi}") String applicationName,
                   @Value("${psi.kafka.producer.max-block}") Duration maxBlock,
                   @Value("${psi.kafka.producer.delivery-timeout}") Duration deliveryTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = "psi-outbox-" + applicationName;
        this.maxBlock = maxBlock;
        this.deliveryTimeout = deliveryTimeout;
    }

    /** Why a row was not published, and whether the broker rather than the row is to blame. */
    static final class PublishFailure extends Exception {
        private final boolean brokerUnavailable;

        PublishFailure(String message, Throwable cause, boolean brokerUnavailable) {
            super(message, cause, false, false);
            this.brokerUnavailable = brokerUnavailable;
        }

        /** True when later rows would fail the same way (timeout, no broker): stop the pass. */
        boolean brokerUnavailable() {
            return brokerUnavailable;
        }
    }

    /** A record on its way to the broker. */
    record Sending(OutboxRow row, Future<RecordMetadata> acknowledgement) {
    }

    /**
     * Starts sending {@code row}. Throws at once what fails at once: a record that cannot be built,
     * a producer that cannot be created, no metadata for the topic within {@code max.block.ms}.
     */
    Sending send(OutboxRow row) throws PublishFailure {
        ProducerRecord<String, byte[]> record;
        try {
            record = record(row);
        } catch (RuntimeException e) {
            throw new PublishFailure("cannot build a CloudEvent from outbox row " + row.id() + ": " + e.getMessage(), e, false);
        }
        Future<RecordMetadata> acknowledgement;
        try {
            acknowledgement = producer().send(record);
        } catch (RuntimeException e) {
            throw failure(e);
        }
        var sending = new Sending(row, acknowledgement);
        if (acknowledgement.isDone()) {
            // The producer reports metadata timeouts and invalid topics as an already failed future.
            awaitAcknowledgement(sending);
        }
        return sending;
    }

    /** Waits until the broker has the record (acks=all) or the delivery timeout has passed. */
    void awaitAcknowledgement(Sending sending) throws PublishFailure {
        try {
            sending.acknowledgement().get(deliveryTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailure("interrupted while sending", e, true);
        } catch (TimeoutException e) {
            throw new PublishFailure("no acknowledgement from Kafka in time", e, true);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private PublishFailure failure(Throwable cause) {
        if (cause instanceof RetriableException) {
            // timeouts, no leader, network: the broker's problem; the producer recovers by itself
            return new PublishFailure(describe(cause), cause, true);
        }
        if (cause instanceof ApiException && !(cause instanceof AuthenticationException)) {
            // record too large, invalid topic, not authorised for this topic: this row's problem
            return new PublishFailure(describe(cause), cause, false);
        }
        // A producer that cannot be built, or one left in a fatal state (authentication, a closed
        // or fenced producer), fails every later send: drop it so that the next use builds a new one.
        reset();
        return new PublishFailure(describe(cause), cause, true);
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The binary-mode Kafka record of {@code row}. */
    static ProducerRecord<String, byte[]> record(OutboxRow row) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(row.eventId())
                .withType(row.eventType())
                .withSource(URI.create(row.source()))
                .withTime(row.occurredAt().atOffset(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withExtension(TENANT_EXTENSION, row.tenantId())
                .withData(row.payload().getBytes(StandardCharsets.UTF_8))
                .build();
        return KafkaMessageFactory.createWriter(row.topic(), row.messageKey()).writeBinary(event);
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            // Not cached on failure: an unresolvable bootstrap host throws here, and may resolve later.
            producer = new KafkaProducer<>(Map.<String, Object>ofEntries(
                    Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    Map.entry(ProducerConfig.CLIENT_ID_CONFIG, clientId),
                    Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                    Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                    Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
                    Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis()),
                    Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis()),
                    // delivery.timeout.ms must cover linger.ms + request.timeout.ms
                    Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, deliveryTimeout.toMillis() / 2)),
                    Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000),
                    Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
                    Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
            LOG.info("Kafka producer {} created for {}", clientId, bootstrapServers);
        }
        return producer;
    }

    private synchronized void reset() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }
}

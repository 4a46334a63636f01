package dev.psi.kernel.events;

import dev.psi.contract.events.PsiEvent;
import dev.psi.kernel.db.Tx;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * The transactional outbox: an event is a row written in the transaction of the state change it
 * reports, never a send beside it. Once that transaction commits, {@link OutboxRelay} publishes the
 * row to Kafka in the background; {@code POST /outbox/sweep} publishes whatever is left.
 */
@Singleton
public final class Outbox {

    private final JsonMapper json;
    private final OutboxRelay relay;
    private final String source;

    Outbox(JsonMapper json, OutboxRelay relay, @Value("/psi/${micronaut.application.name:psi}") String source) {
        this.json = json;
        this.relay = relay;
        this.source = source;
    }

    /**
     * Appends {@code event} to the outbox inside {@code tx}: the CloudEvent id is its eventId, the
     * type and topic come from its EventType, the Kafka key is its aggregateId.
     */
    public void append(Tx tx, PsiEvent event) throws SQLException {
        requireLength("eventId", event.eventId(), 128);
        requireLength("tenantId", event.tenantId(), 40);
        requireLength("aggregateId", event.aggregateId(), 128);
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = tx.insert("INSERT INTO outbox (tenant_id, event_id, event_type, source, topic, message_key,"
                        + " aggregate_id, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.tenantId(), event.eventId(), event.eventType().type(), source, event.eventType().topic(),
                event.aggregateId(), event.aggregateId(), payload, event.occurredAt());
        relay.publishAfterCommit(tx, new CommittedRow(id, event.tenantId(), event.aggregateId()));
    }

    private static void requireLength(String name, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException("event " + name + " must be 1-" + max + " characters: " + value);
        }
    }
}

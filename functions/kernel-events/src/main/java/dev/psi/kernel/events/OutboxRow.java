package dev.psi.kernel.events;

import java.time.Instant;

/** One row of the outbox table, as the relay sends it. */
record OutboxRow(long id, String tenantId, String eventId, String eventType, String source, String topic,
                 String messageKey, String aggregateId, String payload, Instant occurredAt) {

    static final String COLUMNS =
            "id, tenant_id, event_id, event_type, source, topic, message_key, aggregate_id, payload, occurred_at";

    static OutboxRow read(dev.psi.kernel.db.Row row) throws java.sql.SQLException {
        return new OutboxRow(row.longValue("id"), row.string("tenant_id"), row.string("event_id"),
                row.string("event_type"), row.string("source"), row.string("topic"), row.string("message_key"),
                row.string("aggregate_id"), row.string("payload"), row.instant("occurred_at"));
    }

    /** The unit whose events must reach Kafka in order. */
    Aggregate aggregate() {
        return new Aggregate(tenantId, aggregateId);
    }

    record Aggregate(String tenantId, String aggregateId) {
    }
}

package dev.psi.contract.events;

import java.time.Instant;

/**
 * A fact one function tells the others. Every body carries {@code eventId} (also the CloudEvent
 * id), {@code tenantId}, {@code aggregateId} (also the Kafka key: an order number or a SKU) and
 * {@code occurredAt}. The CloudEvent type and the topic come from {@link #eventType()}, never
 * from the Java class name.
 */
public interface PsiEvent {

    String eventId();

    String tenantId();

    String aggregateId();

    Instant occurredAt();

    /** Not part of the body: the type that names this event on the wire. */
    EventType eventType();
}

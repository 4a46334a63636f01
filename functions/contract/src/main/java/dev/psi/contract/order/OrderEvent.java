package dev.psi.contract.order;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An event that concerns an order: emitted by it (outbox) or applied to it (inbox). */
@Serdeable
public record OrderEvent(String direction, String eventId, String type, Instant at) {
}

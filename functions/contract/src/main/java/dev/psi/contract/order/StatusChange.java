package dev.psi.contract.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One step of an order's history, with the event that caused it. */
@Serdeable
public record StatusChange(@Nullable String from, String to, @Nullable String reason, @Nullable String eventId,
                           @Nullable String eventType, Instant at) {
}

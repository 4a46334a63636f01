package dev.psi.kernel.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * An event the sender gave up on, as {@code GET /events/dead-letters} lists it: what arrived
 * (headers and body as received) and why it was dead-lettered.
 */
@Serdeable
public record DeadLetter(long id, String consumer, @Nullable String eventId, @Nullable String eventType,
                         @Nullable String eventSource, @Nullable String tenantId, Map<String, String> headers,
                         @Nullable String payload, @Nullable String reason, Instant createdAt) {
}

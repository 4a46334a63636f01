package dev.psi.stock.ledger;

import dev.psi.kernel.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What every movement of one document records besides its numbers: the why and the where-from. */
public record MovementContext(TenantId tenant, @Nullable String reason, @Nullable String referenceType,
                              @Nullable String referenceNumber, @Nullable String eventId, @Nullable String actor,
                              Instant at) {
}

package dev.psi.order.workflow.store;

import dev.psi.contract.events.PsiEvent;
import dev.psi.kernel.events.InboundEvent;
import io.micronaut.core.annotation.Nullable;

/** Why an order's history gets an entry: a reason, and the event that was emitted or applied. */
public record StatusCause(@Nullable String reason, @Nullable String eventId, @Nullable String eventType) {

    /** A command that emitted {@code event}. */
    public static StatusCause emitted(PsiEvent event, @Nullable String reason) {
        return new StatusCause(reason, event.eventId(), event.eventType().type());
    }

    /** An answer from stock-adjust applied here. */
    public static StatusCause applied(InboundEvent event, @Nullable String reason) {
        return new StatusCause(reason, event.id(), event.type().type());
    }
}

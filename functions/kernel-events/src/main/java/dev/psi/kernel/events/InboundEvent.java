package dev.psi.kernel.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.PsiEvent;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.trace.TraceContext;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A CloudEvent delivered to {@code POST /events}, checked and with its body read into the record
 * of its {@link EventType}.
 *
 * @param id     the CloudEvent id (the inbox key, equal to {@code body.eventId()} for PSI producers)
 * @param source the CloudEvent source, e.g. {@code /psi/order-create}
 * @param tenant from the {@code tenantid} extension, else the body's {@code tenantId}
 * @param time   the CloudEvent time, else the body's {@code occurredAt}
 * @param trace  the span of this delivery's handling (a child of the event's {@code traceparent}), or
 *               null when unknown. A delivery applied in a batch on another delivery's thread
 *               ({@link BatchedRoutes}) emits its events under this trace, not the thread's.
 */
public record InboundEvent(String id, EventType type, String source, TenantId tenant, PsiEvent body, Instant time,
                           @Nullable TraceContext trace) {

    /** An event without a known trace: what it emits carries the trace in scope. */
    public InboundEvent(String id, EventType type, String source, TenantId tenant, PsiEvent body, Instant time) {
        this(id, type, source, tenant, body, time, null);
    }

    /** The same event, handled in the span {@code trace}. */
    public InboundEvent withTrace(@Nullable TraceContext trace) {
        return new InboundEvent(id, type, source, tenant, body, time, trace);
    }

    /** The order number or SKU the event is about (also its Kafka key). */
    public String aggregateId() {
        return body.aggregateId();
    }

    /** Runs {@code work} in this event's trace (as it is when the event has none). */
    public <T, E extends Exception> T inTrace(TraceContext.Work<T, E> work) throws E {
        return TraceContext.within(trace, work);
    }
}

package dev.psi.kernel.events;

import dev.psi.contract.events.EventType;
import dev.psi.contract.events.PsiEvent;
import dev.psi.kernel.tenant.TenantId;
import java.time.Instant;

/**
 * A CloudEvent delivered to {@code POST /events}, checked and with its body read into the record
 * of its {@link EventType}.
 *
 * @param id     the CloudEvent id (the inbox key, equal to {@code body.eventId()} for PSI producers)
 * @param source the CloudEvent source, e.g. {@code /psi/order-create}
 * @param tenant from the {@code tenantid} extension, else the body's {@code tenantId}
 * @param time   the CloudEvent time, else the body's {@code occurredAt}
 */
public record InboundEvent(String id, EventType type, String source, TenantId tenant, PsiEvent body, Instant time) {

    /** The order number or SKU the event is about (also its Kafka key). */
    public String aggregateId() {
        return body.aggregateId();
    }
}

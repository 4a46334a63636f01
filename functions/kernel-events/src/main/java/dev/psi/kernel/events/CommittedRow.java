package dev.psi.kernel.events;

import dev.psi.kernel.events.OutboxRow.Aggregate;

/** An outbox row appended by a transaction that has committed, waiting to be published. */
record CommittedRow(long id, String tenantId, String aggregateId) {

    Aggregate aggregate() {
        return new Aggregate(tenantId, aggregateId);
    }
}

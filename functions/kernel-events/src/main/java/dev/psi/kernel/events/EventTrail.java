package dev.psi.kernel.events;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The events about one aggregate as this database saw them: those emitted (the outbox, written by
 * every function sharing the database) and those applied (the inbox), ordered by time. The one
 * read of the kernel's event tables outside the kernel's own mechanisms.
 */
public final class EventTrail {

    /** Events appended to the outbox. */
    public static final String EMITTED = "emitted";
    /** Events applied through an inbox. */
    public static final String APPLIED = "applied";

    /** One event in the trail: {@code direction} is {@link #EMITTED} or {@link #APPLIED}. */
    public record TrailEntry(String direction, String eventId, String eventType, Instant at) {
    }

    private EventTrail() {
    }

    /** The tenant's events about {@code aggregateId}, oldest first, within {@code tx}. */
    public static List<TrailEntry> of(Tx tx, TenantId tenant, String aggregateId) throws SQLException {
        return tx.list("SELECT '" + EMITTED + "' AS direction, event_id, event_type, occurred_at AS at FROM outbox"
                        + " WHERE tenant_id = ? AND aggregate_id = ?"
                        + " UNION ALL SELECT '" + APPLIED + "', event_id, event_type, processed_at FROM inbox"
                        + " WHERE tenant_id = ? AND aggregate_id = ? ORDER BY at",
                row -> new TrailEntry(row.string("direction"), row.string("event_id"), row.string("event_type"),
                        row.instant("at")),
                tenant.value(), aggregateId, tenant.value(), aggregateId);
    }
}

package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.SqlErrors;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Applies an event at most once per consumer: the {@code (consumer, event id)} inbox row is written
 * first, in the transaction of the handler's effect. A redelivery finds the row and does nothing.
 * Two concurrent deliveries of one id meet on the row's primary key: the second waits for the
 * first and then sees a duplicate (or, if the first rolled back, applies it itself).
 */
@Singleton
@Requires(beans = EventHandler.class)
final class Inbox {

    private final Database database;
    private final EventHandler handler;
    private final Clock clock;
    private final EventGuard guard;

    Inbox(Database database, EventHandler handler, Clock clock, @Nullable EventGuard guard) {
        this.database = database;
        this.handler = handler;
        this.clock = clock;
        this.guard = guard;
    }

    /** APPLIED or DUPLICATE; the handler's exceptions pass through after the rollback. */
    EventOutcome apply(InboundEvent event) {
        try {
            return database.inTransaction(tx -> {
                try {
                    tx.update("INSERT INTO inbox (consumer, event_id, tenant_id, event_type, aggregate_id, outcome,"
                                    + " processed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            handler.consumer(), event.id(), event.tenant().value(), event.type().type(),
                            event.aggregateId(), EventOutcome.APPLIED.label(), clock.instant());
                } catch (SQLException e) {
                    if (SqlErrors.isDuplicateKey(e)) {
                        throw new AlreadyApplied();
                    }
                    throw e;
                }
                if (guard != null) {
                    guard.check(tx, event);
                }
                handler.routes().apply(tx, event);
                return EventOutcome.APPLIED;
            });
        } catch (AlreadyApplied e) {
            return EventOutcome.DUPLICATE;
        }
    }

    /** The inbox already holds the event: roll back (nothing was written) and report a duplicate. */
    private static final class AlreadyApplied extends RuntimeException {
        AlreadyApplied() {
            super(null, null, false, false);
        }
    }
}

package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.SqlErrors;
import dev.psi.kernel.db.Tx;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies an event at most once per consumer: the {@code (consumer, event id)} inbox row is written
 * first, in the transaction of the handler's effect. A redelivery finds the row and does nothing.
 * Two concurrent deliveries of one id meet on the row's primary key: the second waits for the
 * first and then sees a duplicate (or, if the first rolled back, applies it itself).
 *
 * <p>Events the handler batches ({@link EventHandler#batching}) that arrive while another of the same
 * key is being applied share one transaction ({@link GroupCommit}): one inbox row each, duplicates and
 * refused events answered on their own, the rest applied together, each member's work in its own
 * trace ({@link InboundEvent#trace}).
 */
@Singleton
@Requires(beans = EventHandler.class)
final class Inbox {

    private final Database database;
    private final EventHandler handler;
    private final Clock clock;
    private final EventGuard guard;
    private final BatchedRoutes batching;
    private final GroupCommit groups;

    Inbox(Database database, EventHandler handler, Clock clock, @Nullable EventGuard guard,
          @Value("${PSI_GROUP_COMMIT_MAX:64}") int maxBatch) {
        this.database = database;
        this.handler = handler;
        this.clock = clock;
        this.guard = guard;
        // PSI_GROUP_COMMIT_MAX: the most deliveries one transaction takes; 0 switches group commit off
        this.batching = maxBatch > 0 ? handler.batching() : null;
        this.groups = new GroupCommit(maxBatch, this::applyAlone, this::applyTogether);
    }

    /** APPLIED or DUPLICATE; the handler's exceptions pass through after the rollback. */
    EventOutcome apply(InboundEvent event) {
        String key = batching == null ? null : batching.batchKey(event);
        return key == null ? applyAlone(event) : groups.submit(key, event);
    }

    /** How many deliveries have shared a transaction with another so far. */
    long batchedDeliveries() {
        return groups.batched();
    }

    private EventOutcome applyAlone(InboundEvent event) {
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

    /**
     * One transaction for several events: per event an outcome, or the refusal to answer it with
     * (the guard runs first, so that a refused event leaves no inbox row); a duplicate's failed
     * insert undoes only that statement. Anything else fails the batch as a whole.
     */
    List<Object> applyTogether(List<InboundEvent> events) {
        return database.inTransaction(tx -> {
            var answers = new ArrayList<Object>(events.size());
            var fresh = new ArrayList<InboundEvent>(events.size());
            for (InboundEvent event : events) {
                // each member's checks and logs in its own trace, not the thread's (the batch leader's)
                Object answer = event.inTrace(() -> admit(tx, event));
                answers.add(answer);
                if (answer == EventOutcome.APPLIED) {
                    fresh.add(event);
                }
            }
            if (!fresh.isEmpty()) {
                batching.applyAll(tx, fresh);
            }
            return answers;
        });
    }

    /** A batch member's guard and inbox row: APPLIED (to apply), DUPLICATE, or the refusal to answer it with. */
    private Object admit(Tx tx, InboundEvent event) throws SQLException {
        if (guard != null) {
            try {
                guard.check(tx, event);
            } catch (PermanentEventFailure e) {
                return e;
            }
        }
        try {
            tx.update("INSERT INTO inbox (consumer, event_id, tenant_id, event_type, aggregate_id, outcome,"
                            + " processed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    handler.consumer(), event.id(), event.tenant().value(), event.type().type(),
                    event.aggregateId(), EventOutcome.APPLIED.label(), clock.instant());
            return EventOutcome.APPLIED;
        } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
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

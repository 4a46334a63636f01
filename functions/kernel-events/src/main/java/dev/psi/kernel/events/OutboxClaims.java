package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.OutboxRow.Aggregate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * The relay's SQL on the outbox table: claiming pending rows, marking what happened to them, and
 * finding rows still pending.
 *
 * <p>Claims are {@code SELECT ... FOR UPDATE SKIP LOCKED} in a READ COMMITTED transaction
 * ({@link #inClaim}), so two relays (two replicas, a sweep beside the after-commit path) never send
 * the same claimed row and never wait for each other. Under REPEATABLE READ the locking scan would
 * also lock the gap after the last pending row, and every business transaction appending an event
 * would wait for this relay's Kafka sends.
 */
final class OutboxClaims {

    /** Aggregates per claim query (bounds the OR list). */
    static final int AGGREGATES_PER_CLAIM = 100;

    private final Database database;
    private final Clock clock;
    private final int batchSize;

    OutboxClaims(Database database, Clock clock, int batchSize) {
        this.database = database;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Runs one claim-send-mark unit in its own READ COMMITTED transaction. */
    <T> T inClaim(Database.Work<T> work) {
        return database.inTransaction(Database.Isolation.READ_COMMITTED, work);
    }

    /** Up to a batch of pending rows after {@code afterId}, in id order, locked for this transaction. */
    List<OutboxRow> pendingAfter(Tx tx, long afterId) throws SQLException {
        return tx.list("SELECT " + OutboxRow.COLUMNS + " FROM outbox WHERE published_at IS NULL AND id > ?"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", OutboxRow::read, afterId, batchSize);
    }

    /** Every pending row of these aggregates, earlier ones included, so that they go out in order. */
    List<OutboxRow> pendingOf(Tx tx, List<Aggregate> aggregates) throws SQLException {
        return tx.list("SELECT " + OutboxRow.COLUMNS + " FROM outbox WHERE published_at IS NULL AND ("
                        + String.join(" OR ", Collections.nCopies(aggregates.size(), "(tenant_id = ? AND aggregate_id = ?)"))
                        + ") ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                OutboxRow::read, args(aggregates, batchSize));
    }

    void markPublished(Tx tx, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        var args = new ArrayList<Object>();
        args.add(clock.instant());
        args.addAll(ids);
        tx.update("UPDATE outbox SET published_at = ? WHERE id IN (" + placeholders(ids.size()) + ")", args.toArray());
    }

    void markFailed(Tx tx, OutboxRow row, String error) throws SQLException {
        tx.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", truncate(error, 1000), row.id());
    }

    /** Those of {@code rows} that are still pending; none when the database cannot say (the sweep will find them). */
    List<CommittedRow> stillPending(List<CommittedRow> rows) {
        try {
            var ids = database.read(tx -> tx.list("SELECT id FROM outbox WHERE published_at IS NULL AND id IN ("
                    + placeholders(rows.size()) + ")", row -> row.longValue("id"),
                    rows.stream().map(CommittedRow::id).toArray()));
            var waiting = new HashSet<>(ids);
            return rows.stream().filter(row -> waiting.contains(row.id())).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Object[] args(Collection<Aggregate> aggregates, Object... more) {
        var args = new ArrayList<Object>();
        for (Aggregate a : aggregates) {
            args.add(a.tenantId());
            args.add(a.aggregateId());
        }
        args.addAll(List.of(more));
        return args.toArray();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}

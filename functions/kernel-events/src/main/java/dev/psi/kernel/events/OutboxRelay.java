package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.OutboxRow.Aggregate;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed outbox rows to Kafka, at least once and in order per aggregate.
 *
 * <p>Two ways in. Right after a transaction that appended events commits, its rows are queued
 * ({@link AfterCommitQueue}) and published on the relay's worker thread, so the business request
 * never waits for Kafka and never fails because of it. {@link #sweep()} ({@code POST /outbox/sweep},
 * called by a PingSource) publishes whatever is still pending, from every producer: rows whose send
 * failed, rows of a process that died between commit and send.
 *
 * <p>Both claim rows ({@link OutboxClaims}), leave out aggregates another relay is ahead on
 * ({@link BlockedAggregates}), send in waves and mark the rows in the claiming transaction
 * ({@link WavePublisher}); while the broker is away, {@link BrokerDownRecovery} holds sends back and
 * sweeps once it answers again. A crash between send and commit, or a deadlock retry of the
 * claiming transaction, sends a row again: delivery is at least once, and consumers dedupe by
 * CloudEvent id.
 */
@Singleton
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** 50 ms doubling: about 3 s of retries for rows another relay kept from us. */
    private static final int MAX_RETRIES = 6;

    private final OutboxClaims claims;
    private final WavePublisher waves;
    private final BrokerDownRecovery recovery;
    private final AfterCommitQueue queue;
    private final OutboxBacklog backlog;
    private final boolean publishAfterCommit;
    private final int sweepLimit;

    OutboxRelay(Database database, KafkaPublisher kafka, OutboxBacklog backlog, Clock clock,
                @Value("${psi.outbox.publish-after-commit}") boolean publishAfterCommit,
                @Value("${psi.outbox.batch-size}") int batchSize,
                @Value("${psi.outbox.sweep-limit}") int sweepLimit,
                @Value("${psi.outbox.queue-limit}") int queueLimit,
                @Value("${psi.outbox.broker-down-backoff}") Duration brokerDownBackoff) {
        this.claims = new OutboxClaims(database, clock, batchSize);
        this.recovery = new BrokerDownRecovery(clock, brokerDownBackoff, this::sweep);
        this.waves = new WavePublisher(kafka, claims, recovery);
        this.queue = new AfterCommitQueue(queueLimit, rows -> publishAggregatesOf(rows, 0));
        this.backlog = backlog;
        this.publishAfterCommit = publishAfterCommit;
        this.sweepLimit = sweepLimit;
    }

    /** Publishes {@code row} soon after {@code tx} commits (never after a rollback). */
    void publishAfterCommit(Tx tx, CommittedRow row) {
        if (publishAfterCommit) {
            tx.afterCommit(() -> enqueue(row));
        }
    }

    /**
     * Runs on the committing thread after the commit: must be quick and must not throw, or the
     * request whose work has committed would fail.
     */
    private void enqueue(CommittedRow row) {
        try {
            if (recovery.brokerDown()) {
                recovery.schedule(); // the row is safe in the table; the recovery sweep publishes it
                return;
            }
            queue.offer(row);
        } catch (RuntimeException e) {
            LOG.warn("cannot schedule outbox row {} for publishing; the sweep will", row.id(), e);
        }
    }

    /**
     * Publishes the pending rows of these rows' aggregates, earlier rows first; what another relay
     * kept from this pass is tried again shortly, and after a few tries left to the sweep.
     */
    private void publishAggregatesOf(List<CommittedRow> rows, int attempt) {
        if (rows.isEmpty() || recovery.brokerDown()) {
            return;
        }
        List<Aggregate> aggregates = rows.stream().map(CommittedRow::aggregate).distinct().toList();
        try {
            for (int from = 0; from < aggregates.size(); from += OutboxClaims.AGGREGATES_PER_CLAIM) {
                var chunk = aggregates.subList(from, Math.min(aggregates.size(), from + OutboxClaims.AGGREGATES_PER_CLAIM));
                var pass = claims.inClaim(tx -> waves.publish(tx, claims.pendingOf(tx, chunk)));
                if (pass.brokerDown()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("publishing {} outbox rows after commit failed; the sweep will retry them", rows.size(), e);
            return;
        }
        // Rows can still be pending here: another relay held an earlier row of the aggregate, or had
        // one of ours locked while it scanned (SKIP LOCKED passes such rows by). Try those again
        // shortly, with growing pauses, before leaving them to the sweep.
        var pending = claims.stillPending(rows);
        if (!pending.isEmpty() && attempt < MAX_RETRIES) {
            queue.later(() -> publishAggregatesOf(pending, attempt + 1), 50L << attempt);
        }
    }

    /**
     * Publishes pending rows in id order, batch by batch, until none is left, the broker fails, or
     * {@code psi.outbox.sweep-limit} rows were tried.
     */
    public SweepResult sweep() {
        int published = 0;
        int failed = 0;
        long after = 0;
        while (published + failed < sweepLimit) {
            long from = after;
            var pass = claims.inClaim(tx -> waves.publish(tx, claims.pendingAfter(tx, from)));
            published += pass.published();
            failed += pass.failed();
            if (pass.claimed() == 0 || pass.brokerDown()) {
                break;
            }
            // Later batches start after this one, so a row that failed is not retried in the same sweep.
            after = pass.lastId();
        }
        long pending = backlog.countNow();
        if (published + failed > 0) {
            LOG.info("outbox sweep: {} published, {} failed, {} pending", published, failed, pending);
        }
        return new SweepResult(published, failed, pending);
    }

    @PreDestroy
    void close() {
        recovery.close();
        queue.close();
    }
}

package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.OutboxRow.Aggregate;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed outbox rows to Kafka, at least once and in order per aggregate.
 *
 * <p>Two ways in. Right after a transaction that appended events commits, its rows are queued and
 * published by this relay's one worker thread, so the business request never waits for Kafka and
 * never fails because of it. {@link #sweep()} ({@code POST /outbox/sweep}, called by a PingSource)
 * publishes whatever is still pending, from every producer: rows whose send failed, rows of a
 * process that died between commit and send.
 *
 * <p>Both claim rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} in a READ COMMITTED transaction,
 * send them and wait for the broker's acknowledgements, mark them and commit, so two relays (two replicas, a sweep beside the
 * after-commit path) never send the same claimed row and never wait for each other. A row whose
 * aggregate has an earlier row still pending (failed before, or claimed by another relay right now)
 * is left for a later pass: one aggregate's events reach Kafka in the order they were written.
 * A crash between send and commit, or a deadlock retry of the claiming transaction, sends a row
 * again: delivery is at least once, and consumers dedupe by CloudEvent id.
 */
@Singleton
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /**
     * READ COMMITTED for the claim: under REPEATABLE READ the locking scan would also lock the gap
     * after the last pending row, and every business transaction appending an event would wait for
     * this relay's Kafka sends.
     */
    private static final Database.Isolation CLAIM = Database.Isolation.READ_COMMITTED;
    /** Aggregates per claim query in the after-commit path (bounds the OR list). */
    private static final int AGGREGATES_PER_CLAIM = 100;

    /** A row appended by a transaction that has committed, waiting for the worker. */
    record Committed(long id, String tenantId, String aggregateId) {
        Aggregate aggregate() {
            return new Aggregate(tenantId, aggregateId);
        }
    }

    /** What one claim-send-mark transaction did. */
    private record Pass(int claimed, int published, int failed, boolean brokerDown, long lastId) {
    }

    private final Database database;
    private final KafkaPublisher kafka;
    private final OutboxBacklog backlog;
    private final Clock clock;
    private final boolean publishAfterCommit;
    private final int batchSize;
    private final int sweepLimit;
    private final int queueLimit;
    private final Duration brokerDownBackoff;

    /** One thread: bounds the connections the relay holds and keeps commit order within a process. */
    private final ExecutorService worker;
    private final ConcurrentLinkedQueue<Committed> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** 50 ms doubling: about 3 s of retries for rows another relay kept from us. */
    private static final int MAX_RETRIES = 6;
    private volatile Instant brokerDownUntil = Instant.MIN;
    private final java.util.concurrent.atomic.AtomicBoolean recoveryScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private java.util.concurrent.ScheduledExecutorService recovery;

    OutboxRelay(Database database, KafkaPublisher kafka, OutboxBacklog backlog, Clock clock,
                @Value("${psi.outbox.publish-after-commit:true}") boolean publishAfterCommit,
                @Value("${psi.outbox.batch-size:200}") int batchSize,
                @Value("${psi.outbox.sweep-limit:10000}") int sweepLimit,
                @Value("${psi.outbox.queue-limit:10000}") int queueLimit,
                @Value("${psi.outbox.broker-down-backoff:5s}") Duration brokerDownBackoff) {
        this.database = database;
        this.kafka = kafka;
        this.backlog = backlog;
        this.clock = clock;
        this.publishAfterCommit = publishAfterCommit;
        this.batchSize = batchSize;
        this.sweepLimit = sweepLimit;
        this.queueLimit = queueLimit;
        this.brokerDownBackoff = brokerDownBackoff;
        // No thread exists until the first task: nothing runs at start-up.
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            var thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Publishes {@code row} soon after {@code tx} commits (never after a rollback). */
    void publishAfterCommit(Tx tx, Committed row) {
        if (publishAfterCommit) {
            tx.afterCommit(() -> enqueue(row));
        }
    }

    /**
     * Runs on the committing thread after the commit: must be quick and must not throw, or the
     * request whose work has committed would fail.
     */
    private void enqueue(Committed row) {
        try {
            if (brokerDown()) {
                scheduleRecovery(); // the row is safe in the table; the recovery sweep publishes it
                return;
            }
            if (queued.incrementAndGet() > queueLimit) {
                queued.decrementAndGet();
                return; // a backlog the sweep handles better, in batches
            }
            queue.add(row);
            scheduleDrain();
        } catch (RuntimeException e) {
            LOG.warn("cannot schedule outbox row {} for publishing; the sweep will", row.id(), e);
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    /** Publishes everything queued so far, in one pass per chunk of aggregates. */
    private void drain() {
        drainScheduled.set(false);
        var rows = new ArrayList<Committed>();
        for (Committed row; (row = queue.poll()) != null; ) {
            queued.decrementAndGet();
            rows.add(row);
        }
        publishAggregatesOf(rows, 0);
    }

    /**
     * Publishes the pending rows of these rows' aggregates, earlier rows first; what another relay
     * kept from this pass is tried again shortly, and after a few tries left to the sweep.
     */
    private void publishAggregatesOf(List<Committed> rows, int attempt) {
        if (rows.isEmpty() || brokerDown()) {
            return;
        }
        List<Aggregate> aggregates = rows.stream().map(Committed::aggregate).distinct().toList();
        try {
            for (int from = 0; from < aggregates.size(); from += AGGREGATES_PER_CLAIM) {
                var chunk = aggregates.subList(from, Math.min(aggregates.size(), from + AGGREGATES_PER_CLAIM));
                Pass pass = database.inTransaction(CLAIM, tx -> publish(tx, claimPendingOf(tx, chunk)));
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
        var pending = stillPending(rows);
        if (!pending.isEmpty() && attempt < MAX_RETRIES) {
            recovery().schedule(() -> publishAggregatesOf(pending, attempt + 1), 50L << attempt, TimeUnit.MILLISECONDS);
        }
    }

    private List<Committed> stillPending(List<Committed> rows) {
        try {
            var ids = database.read(tx -> tx.list("SELECT id FROM outbox WHERE published_at IS NULL AND id IN ("
                    + placeholders(rows.size()) + ")", row -> row.longValue("id"),
                    rows.stream().map(Committed::id).toArray()));
            var waiting = new HashSet<>(ids);
            return rows.stream().filter(row -> waiting.contains(row.id())).toList();
        } catch (RuntimeException e) {
            return List.of(); // the database is away: the sweep will find them
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
            Pass pass = database.inTransaction(CLAIM, tx -> publish(tx, claimPendingAfter(tx, from)));
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

    private List<OutboxRow> claimPendingAfter(Tx tx, long afterId) throws SQLException {
        return tx.list("SELECT " + OutboxRow.COLUMNS + " FROM outbox WHERE published_at IS NULL AND id > ?"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", OutboxRow::read, afterId, batchSize);
    }

    /** Every pending row of these aggregates, earlier ones included, so that they go out in order. */
    private List<OutboxRow> claimPendingOf(Tx tx, List<Aggregate> aggregates) throws SQLException {
        return tx.list("SELECT " + OutboxRow.COLUMNS + " FROM outbox WHERE published_at IS NULL AND ("
                        + anyAggregate(aggregates.size()) + ") ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                OutboxRow::read, args(aggregates, batchSize));
    }

    /**
     * Sends the claimed rows and marks what happened; runs inside the claiming transaction. Rows go
     * out in waves: each wave sends the next row of every aggregate at once and waits for all the
     * acknowledgements, so one aggregate's rows are strictly one after the other (a later row is
     * never sent before the earlier one is on the broker, nor after it failed) while different
     * aggregates share the round trips.
     */
    private Pass publish(Tx tx, List<OutboxRow> claimed) throws SQLException {
        if (claimed.isEmpty()) {
            return new Pass(0, 0, 0, false, 0);
        }
        Set<Aggregate> blocked = aggregatesWithEarlierPendingRows(tx, claimed);
        var waiting = new LinkedHashMap<Aggregate, ArrayDeque<OutboxRow>>();
        for (OutboxRow row : claimed) {
            if (!blocked.contains(row.aggregate())) {
                waiting.computeIfAbsent(row.aggregate(), a -> new ArrayDeque<>()).add(row);
            }
        }
        var sent = new ArrayList<Long>();
        int failed = 0;
        boolean brokerDown = false;
        while (!waiting.isEmpty() && !brokerDown) {
            var wave = new ArrayList<KafkaPublisher.Sending>();
            for (var it = waiting.values().iterator(); it.hasNext() && !brokerDown; ) {
                var rows = it.next();
                OutboxRow row = rows.poll();
                if (rows.isEmpty()) {
                    it.remove();
                }
                try {
                    wave.add(kafka.send(row));
                } catch (KafkaPublisher.PublishFailure e) {
                    failed++;
                    waiting.remove(row.aggregate());
                    brokerDown = failed(tx, row, e);
                    break; // the iterator is stale after the removal; the next wave goes on
                }
            }
            for (var sending : wave) {
                try {
                    kafka.awaitAcknowledgement(sending);
                    sent.add(sending.row().id());
                } catch (KafkaPublisher.PublishFailure e) {
                    failed++;
                    waiting.remove(sending.row().aggregate());
                    brokerDown |= failed(tx, sending.row(), e);
                }
            }
        }
        if (!sent.isEmpty()) {
            var args = new ArrayList<Object>();
            args.add(clock.instant());
            args.addAll(sent);
            tx.update("UPDATE outbox SET published_at = ? WHERE id IN (" + placeholders(sent.size()) + ")", args.toArray());
        }
        return new Pass(claimed.size(), sent.size(), failed, brokerDown, claimed.get(claimed.size() - 1).id());
    }

    /** Records the failure on the row; true when the broker is to blame and the pass should stop. */
    private boolean failed(Tx tx, OutboxRow row, KafkaPublisher.PublishFailure failure) throws SQLException {
        tx.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                truncate(failure.getMessage(), 1000), row.id());
        LOG.warn("outbox row {} ({} {}) not published: {}", row.id(), row.eventType(), row.eventId(), failure.getMessage());
        if (failure.brokerUnavailable()) {
            brokerDownUntil = clock.instant().plus(brokerDownBackoff);
            scheduleRecovery();
            return true;
        }
        return false;
    }

    /**
     * The claimed rows' aggregates that have a pending row before one of the claimed rows that this
     * transaction did not claim: another relay holds it (SKIP LOCKED passed it by) and must send it
     * first. Read without locks; READ COMMITTED sees the other relay's rows as still pending until
     * it commits, which is exactly when it is safe to go on.
     */
    private static Set<Aggregate> aggregatesWithEarlierPendingRows(Tx tx, List<OutboxRow> claimed) throws SQLException {
        Map<Aggregate, Long> lastClaimed = new HashMap<>();
        Set<Long> claimedIds = new HashSet<>();
        for (OutboxRow row : claimed) {
            lastClaimed.merge(row.aggregate(), row.id(), Math::max);
            claimedIds.add(row.id());
        }
        var blocked = new HashSet<Aggregate>();
        List<Aggregate> aggregates = List.copyOf(lastClaimed.keySet());
        for (int from = 0; from < aggregates.size(); from += AGGREGATES_PER_CLAIM) {
            var chunk = aggregates.subList(from, Math.min(aggregates.size(), from + AGGREGATES_PER_CLAIM));
            var condition = chunk.stream().map(a -> "(tenant_id = ? AND aggregate_id = ? AND id < ?)")
                    .collect(Collectors.joining(" OR "));
            var args = new ArrayList<Object>();
            for (Aggregate a : chunk) {
                args.add(a.tenantId());
                args.add(a.aggregateId());
                args.add(lastClaimed.get(a));
            }
            var earlier = tx.list("SELECT id, tenant_id, aggregate_id FROM outbox WHERE published_at IS NULL AND ("
                            + condition + ")",
                    row -> new OutboxRelay.Committed(row.longValue("id"), row.string("tenant_id"), row.string("aggregate_id")),
                    args.toArray());
            for (Committed row : earlier) {
                if (!claimedIds.contains(row.id())) {
                    // Conservative: the whole aggregate waits, even its claimed rows before this one.
                    blocked.add(row.aggregate());
                }
            }
        }
        return blocked;
    }

    /**
     * After a broker failure, sweeps once the back-off has passed, and again until a sweep gets
     * through, so that what piled up while Kafka was away goes out as soon as it is back, without
     * waiting for the next PingSource. Only one recovery is ever scheduled at a time.
     */
    private void scheduleRecovery() {
        if (!recoveryScheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(Duration.between(clock.instant(), brokerDownUntil).toMillis(), 0) + 100;
        recovery().schedule(() -> {
            recoveryScheduled.set(false);
            try {
                var result = sweep();
                if (brokerDown() || result.failed() > 0) {
                    scheduleRecovery();
                }
            } catch (RuntimeException e) {
                LOG.warn("outbox recovery sweep failed, trying again in {}: {}", brokerDownBackoff, e.toString());
                brokerDownUntil = clock.instant().plus(brokerDownBackoff);
                scheduleRecovery();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized java.util.concurrent.ScheduledExecutorService recovery() {
        if (recovery == null) {
            recovery = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "outbox-recovery");
                thread.setDaemon(true);
                return thread;
            });
        }
        return recovery;
    }

    private boolean brokerDown() {
        return clock.instant().isBefore(brokerDownUntil);
    }

    private static String anyAggregate(int count) {
        return String.join(" OR ", java.util.Collections.nCopies(count, "(tenant_id = ? AND aggregate_id = ?)"));
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
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    /** Lets queued rows go out before the context closes; whatever does not is left to the sweep. */
    @PreDestroy
    void close() {
        synchronized (this) {
            if (recovery != null) {
                recovery.shutdownNow();
            }
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.psi.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which rows transactions queue for while a step runs: every 250 ms, the InnoDB lock waits of this run's
 * database grouped by the table of the lock waited for ({@code information_schema.INNODB_LOCK_WAITS} joined to
 * {@code INNODB_LOCKS}), each waiting transaction counted once (InnoDB lists a waiter once per lock ahead of it in
 * the queue). A table with waiters in most samples is a serial point.
 */
final class LockSampler implements AutoCloseable {

    private final Thread thread;
    private final Map<String, long[]> waits = new TreeMap<>();
    private volatile boolean stop;
    private int samples;

    private LockSampler(Benchmarks bench, String database) {
        thread = new Thread(() -> sample(bench, database), "lock-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static LockSampler start(Benchmarks bench, String database) {
        return new LockSampler(bench, database);
    }

    private void sample(Benchmarks bench, String database) {
        try (Connection c = bench.connect();
             var s = c.prepareStatement("SELECT l.lock_table, COUNT(DISTINCT w.requesting_trx_id) FROM information_schema.INNODB_LOCK_WAITS w"
                     + " JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id"
                     + " WHERE l.lock_table LIKE ? GROUP BY l.lock_table")) {
            s.setString(1, "`" + database + "`.%");
            while (!stop) {
                try (ResultSet rs = s.executeQuery()) {
                    synchronized (this) {
                        samples++;
                        while (rs.next()) {
                            String table = rs.getString(1).replaceFirst("^`[^`]*`\\.", "").replace("`", "");
                            long[] w = waits.computeIfAbsent(table, t -> new long[2]);
                            w[0]++;            // samples with waiters
                            w[1] += rs.getLong(2); // waiters summed over samples
                        }
                    }
                }
                Thread.sleep(250);
            }
        } catch (Exception e) {
            synchronized (this) {
                waits.put("(sampling failed: " + e.getMessage() + ")", new long[2]);
            }
        }
    }

    /** E.g. "document_sequences: waiters in 92 % of 60 samples, 8.1 on average"; "none" without waits. */
    synchronized String summary() {
        if (waits.isEmpty()) {
            return "no lock waits in " + samples + " samples";
        }
        return waits.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .map(e -> String.format("`%s` waited for in %.0f %% of %d samples (%.1f waiters on average)", e.getKey(),
                        100.0 * e.getValue()[0] / Math.max(1, samples), samples,
                        e.getValue()[1] / (double) Math.max(1, samples)))
                .collect(Collectors.joining("; "));
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(2_000);
    }
}

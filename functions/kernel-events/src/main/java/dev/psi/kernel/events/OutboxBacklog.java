package dev.psi.kernel.events;

import dev.psi.kernel.db.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code psi_outbox_pending}: outbox rows not yet on Kafka, of every producer (the table
 * is shared, so every function reports the same backlog; dashboards take the max, not the sum).
 *
 * <p>A scrape never waits for the database: it reads the last count and, when that is older than
 * {@code psi.outbox.pending-gauge-ttl}, asks for a fresh one in the background. Sweeps refresh it
 * too. {@code NaN} until the first count.
 */
@Singleton
final class OutboxBacklog implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxBacklog.class);
    static final String GAUGE = "psi.outbox.pending";

    /** A provider: the gauge is bound when the registry is made, at start-up, and the pool must wait for a query. */
    private final Provider<Database> database;
    /** Its own daemon thread: the blocking executor is instrumented by the registry this gauge is bound to. */
    private final Executor executor = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "outbox-backlog");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final Duration ttl;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile double pending = Double.NaN;
    private volatile Instant countedAt = Instant.MIN;

    OutboxBacklog(Provider<Database> database, Clock clock, @Value("${psi.outbox.pending-gauge-ttl}") Duration ttl) {
        this.database = database;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(GAUGE, this, OutboxBacklog::cached)
                .description("Outbox rows committed but not yet published to Kafka")
                .strongReference(true)
                .register(registry);
    }

    private double cached() {
        if (countedAt.plus(ttl).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        countNow();
                    } catch (RuntimeException e) {
                        LOG.debug("cannot count pending outbox rows: {}", e.getMessage());
                    } finally {
                        refreshing.set(false);
                    }
                });
            } catch (RuntimeException e) {
                refreshing.set(false);
            }
        }
        return pending;
    }

    /** Counts now (the index on published_at makes this proportional to the backlog). */
    long countNow() {
        long count = database.get().read(tx -> tx.count("SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL"));
        pending = count;
        countedAt = clock.instant();
        return count;
    }
}

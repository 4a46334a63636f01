package dev.psi.kernel.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay does while Kafka is away. After a broker failure it stops sending for
 * {@code psi.outbox.broker-down-backoff}, then sweeps, and again until a sweep gets through, so
 * that what piled up goes out as soon as Kafka is back, without waiting for the next PingSource.
 * Only one recovery is ever scheduled at a time; its thread exists only once one is.
 */
final class BrokerDownRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerDownRecovery.class);

    private final Clock clock;
    private final Duration backoff;
    private final Supplier<SweepResult> sweep;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Instant downUntil = Instant.MIN;
    private ScheduledExecutorService scheduler;

    BrokerDownRecovery(Clock clock, Duration backoff, Supplier<SweepResult> sweep) {
        this.clock = clock;
        this.backoff = backoff;
        this.sweep = sweep;
    }

    /** True while the back-off after a broker failure lasts: sending now would only fail again. */
    boolean brokerDown() {
        return clock.instant().isBefore(downUntil);
    }

    /** A send failed because of the broker: back off, and sweep once the back-off has passed. */
    void brokerFailed() {
        downUntil = clock.instant().plus(backoff);
        schedule();
    }

    /** Makes sure a recovery sweep is coming (a row committed while the broker is down relies on it). */
    void schedule() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(Duration.between(clock.instant(), downUntil).toMillis(), 0) + 100;
        scheduler().schedule(this::recover, delay, TimeUnit.MILLISECONDS);
    }

    private void recover() {
        scheduled.set(false);
        try {
            var result = sweep.get();
            if (brokerDown() || result.failed() > 0) {
                schedule();
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox recovery sweep failed, trying again in {}: {}", backoff, e.toString());
            downUntil = clock.instant().plus(backoff);
            schedule();
        }
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "outbox-recovery");
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

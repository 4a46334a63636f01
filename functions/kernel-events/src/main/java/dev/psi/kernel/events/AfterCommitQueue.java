package dev.psi.kernel.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Rows whose transaction has committed, handed to one worker thread that publishes everything
 * queued so far in one go. One thread bounds the connections the relay holds and keeps commit order
 * within a process; it is created with the first row, never at start-up. Beyond
 * {@code psi.outbox.queue-limit} queued rows the sweep, which works in batches, takes over.
 */
final class AfterCommitQueue {

    private final int limit;
    private final Consumer<List<CommittedRow>> publish;
    private final ConcurrentLinkedQueue<CommittedRow> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor worker;

    AfterCommitQueue(int limit, Consumer<List<CommittedRow>> publish) {
        this.limit = limit;
        this.publish = publish;
        this.worker = new ScheduledThreadPoolExecutor(1, task -> {
            var thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        // On shutdown, queued rows still go out; retries waiting for their delay are left to the sweep.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues {@code row}; false when the queue is full (the row waits in the table for the sweep). */
    boolean offer(CommittedRow row) {
        if (queued.incrementAndGet() > limit) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(row);
        if (drainScheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
        return true;
    }

    /** Runs {@code task} on the worker after {@code delayMillis}. */
    void later(Runnable task, long delayMillis) {
        worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void drain() {
        drainScheduled.set(false);
        var rows = new ArrayList<CommittedRow>();
        for (CommittedRow row; (row = queue.poll()) != null; ) {
            queued.decrementAndGet();
            rows.add(row);
        }
        publish.accept(rows);
    }

    /** Lets queued rows go out (for a few seconds at most); whatever does not is left to the sweep. */
    void close() {
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

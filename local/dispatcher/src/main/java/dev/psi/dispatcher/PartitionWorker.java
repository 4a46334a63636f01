package dev.psi.dispatcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the records of one assigned partition, one at a time and in offset order, on its own thread. The poll
 * thread hands records in and reads {@link #nextOffsetToCommit()}; nothing else is shared.
 */
final class PartitionWorker implements Delivery.StopSignal {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
    private static final ConsumerRecord<byte[], byte[]> STOP = new ConsumerRecord<>("", -1, -1L, null, null);

    private final TopicPartition partition;
    private final Delivery delivery;
    private final BlockingQueue<ConsumerRecord<byte[], byte[]>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;
    /** Offset after the last record that is done (delivered, dead-lettered or given up); -1 before the first. */
    private volatile long nextOffset = -1;

    PartitionWorker(String sourceName, TopicPartition partition, Delivery delivery) {
        this.partition = partition;
        this.delivery = delivery;
        this.thread = new Thread(this::run, "dispatch-" + sourceName + "-" + partition);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Poll thread: queues records of this partition (in the order poll returned them). */
    void enqueue(List<ConsumerRecord<byte[], byte[]>> records) {
        backlog.addAndGet(records.size());
        queue.addAll(records);
    }

    /** Records handed in and not yet done. */
    int backlog() {
        return backlog.get();
    }

    long nextOffsetToCommit() {
        return nextOffset;
    }

    TopicPartition partition() {
        return partition;
    }

    /**
     * Drops the records not yet started and ends the thread after the record in hand: an HTTP request in flight
     * completes, a backoff wait ends at once (that record stays uncommitted and is redelivered later).
     */
    void stop() {
        stopRequested.countDown();
        queue.clear();
        queue.add(STOP);
    }

    /** Waits for the thread to end after {@link #stop()}; false if it did not within {@code timeout}. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        return !thread.isAlive();
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopRequested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private void run() {
        try {
            while (!stopping()) {
                ConsumerRecord<byte[], byte[]> record = queue.take();
                if (record == STOP || stopping()) {
                    return;
                }
                Delivery.Outcome outcome;
                try {
                    outcome = delivery.deliver(record, this);
                } catch (RuntimeException e) {
                    // A bug or an unwritable event: never block the partition forever on one record.
                    log.error("{}@{}: unexpected failure, skipping the record", partition, record.offset(), e);
                    outcome = Delivery.Outcome.DEAD_LETTER_FAILED;
                }
                if (!outcome.done()) {
                    return;
                }
                nextOffset = record.offset() + 1;
                backlog.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

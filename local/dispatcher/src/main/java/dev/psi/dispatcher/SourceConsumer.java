package dev.psi.dispatcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of one KafkaSource: a poll thread that owns the {@link KafkaConsumer} (it is single-threaded) and
 * hands each assigned partition's records to that partition's {@link PartitionWorker}. Workers run concurrently;
 * each is strictly sequential. The poll thread pauses a partition whose worker falls behind, commits delivered
 * offsets on an interval, and on revocation or close stops the workers (in-flight requests complete) and commits
 * synchronously what they finished.
 */
final class SourceConsumer {

    private static final Logger log = LoggerFactory.getLogger(SourceConsumer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaSourceDefinition source;
    private final DispatcherOptions options;
    private final Delivery delivery;
    private final Duration workerStopTimeout;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);

    // Touched by the poll thread only (the rebalance listener and commit callbacks run on it too).
    private final Map<TopicPartition, PartitionWorker> workers = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<TopicPartition> paused = new HashSet<>();

    SourceConsumer(KafkaSourceDefinition source, String bootstrapServers, DispatcherOptions options, Delivery delivery,
                   Duration requestTimeout) {
        this.source = source;
        this.options = options;
        this.delivery = delivery;
        // A worker ends after its in-flight request, which ends by its timeout.
        this.workerStopTimeout = requestTimeout.plusSeconds(5);
        this.consumer = new KafkaConsumer<>(consumerProperties(source, bootstrapServers, options));
        this.thread = new Thread(this::run, "dispatch-" + source.name() + "-poll");
        this.thread.setDaemon(true);
    }

    static Properties consumerProperties(KafkaSourceDefinition source, String bootstrapServers,
                                         DispatcherOptions options) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, source.consumerGroup());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "psi-dispatcher-" + source.name());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, source.initialOffset().autoOffsetReset());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // INFRA-NOTES: a fetch returns as soon as one record is there.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // Topics are made by whoever owns Kafka (LocalKafka --topics, Strimzi KafkaTopics); a consumer that created a
        // missing one would give it the broker's default of 1 partition.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // As Knative's data plane: a rebalance moves only the partitions that change owner.
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.putAll(options.consumerProperties());
        return p;
    }

    void start() {
        thread.start();
    }

    boolean awaitAssigned(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Releases the consumer of a SourceConsumer that was never started. */
    void closeUnstarted() {
        consumer.close(Duration.ZERO);
    }

    void requestClose() {
        closeRequested.countDown();
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private boolean closing() {
        return closeRequested.getCount() == 0;
    }

    private void run() {
        try {
            consumer.subscribe(source.topics(), new Listener());
            long nextCommit = System.nanoTime() + options.commitInterval().toNanos();
            while (!closing()) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(options.pollTimeout());
                    for (TopicPartition tp : records.partitions()) {
                        PartitionWorker worker = workers.get(tp);
                        if (worker == null) { // cannot happen: poll returns records of assigned partitions only
                            log.error("[{}] records for {} which has no worker; skipped", source.name(), tp);
                            continue;
                        }
                        worker.enqueue(records.records(tp));
                    }
                    flowControl();
                    if (System.nanoTime() - nextCommit >= 0) {
                        commit(workers.values(), false);
                        nextCommit = System.nanoTime() + options.commitInterval().toNanos();
                    }
                } catch (RuntimeException e) {
                    log.error("[{}] consumer failure; polling again in 1 s", source.name(), e);
                    closeRequested.await(1, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("[{}] consumer stopped", source.name(), e);
        } finally {
            try {
                retire(new ArrayList<>(workers.keySet()), true);
            } finally {
                try {
                    consumer.close(CLOSE_TIMEOUT);
                } catch (RuntimeException e) {
                    log.warn("[{}] closing the consumer: {}", source.name(), e.toString());
                }
                log.info("[{}] stopped", source.name());
            }
        }
    }

    private void flowControl() {
        int high = options.maxBufferedPerPartition();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (PartitionWorker worker : workers.values()) {
            TopicPartition tp = worker.partition();
            int backlog = worker.backlog();
            if (!paused.contains(tp) && backlog >= high) {
                pause.add(tp);
            } else if (paused.contains(tp) && backlog <= high / 2) {
                resume.add(tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
            paused.addAll(pause);
            log.debug("[{}] paused {}", source.name(), pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
            resume.forEach(paused::remove);
            log.debug("[{}] resumed {}", source.name(), resume);
        }
    }

    private void commit(Collection<PartitionWorker> which, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionWorker worker : which) {
            long next = worker.nextOffsetToCommit();
            if (next > committed.getOrDefault(worker.partition(), -1L)) {
                offsets.put(worker.partition(), new OffsetAndMetadata(next));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(offsets, CLOSE_TIMEOUT);
                offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
            } catch (RuntimeException e) {
                log.warn("[{}] commit of {} failed (those records will be redelivered): {}", source.name(), offsets,
                        e.toString());
            }
        } else {
            consumer.commitAsync(offsets, (done, e) -> {
                if (e != null) {
                    log.warn("[{}] async commit failed (retried on the next interval): {}", source.name(), e.toString());
                } else {
                    done.forEach((tp, o) -> committed.merge(tp, o.offset(), Math::max));
                }
            });
        }
    }

    /** Stops the partitions' workers, waits for their in-flight deliveries, then commits what they finished. */
    private void retire(Collection<TopicPartition> partitions, boolean commit) {
        List<PartitionWorker> retiring = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionWorker worker = workers.remove(tp);
            if (worker != null) {
                worker.stop();
                retiring.add(worker);
            }
        }
        for (PartitionWorker worker : retiring) {
            try {
                if (!worker.awaitStopped(workerStopTimeout)) {
                    log.warn("[{}] worker for {} did not stop within {}", source.name(), worker.partition(),
                            workerStopTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (commit) {
            commit(retiring, true);
        }
        for (TopicPartition tp : partitions) {
            paused.remove(tp);
            committed.remove(tp);
        }
    }

    private final class Listener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                workers.computeIfAbsent(tp, p -> {
                    PartitionWorker worker = new PartitionWorker(source.name(), p, delivery);
                    worker.start();
                    return worker;
                });
            }
            if (!partitions.isEmpty()) {
                log.info("[{}] assigned {}", source.name(), partitions);
            }
            assigned.countDown();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("[{}] revoked {}", source.name(), partitions);
                retire(partitions, true);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.warn("[{}] lost {} (another member owns them now; not committing)", source.name(), partitions);
                retire(partitions, false);
            }
        }
    }
}

package dev.psi.dispatcher;

import dev.psi.kafka.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One real Kafka broker (a child JVM on a free port) for all tests of this module, started on first use and stopped
 * when the test JVM exits (BrokerProcess's shutdown hook). Never port 19092, which other engineers use.
 */
final class SharedKafka {

    /** The topics DispatcherWiringTest needs under their real names. */
    static final List<String> PSI_TOPICS = List.of("psi.sales-orders", "psi.purchase-orders", "psi.stock");

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static BrokerProcess broker;

    private SharedKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                long t0 = System.nanoTime();
                broker = BrokerProcess.start(BrokerProcess.freePort(), Path.of("target", "kafka-broker.log"),
                        "--topics", String.join(",", PSI_TOPICS), "--partitions", "3");
                System.out.printf("Kafka broker on %s ready after %d ms%n", broker.bootstrapServers(),
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker.bootstrapServers();
    }

    /**
     * Waits until the broker serves every partition of a new topic (ListOffsets answers instead of
     * NOT_LEADER_OR_FOLLOWER). createTopics returns earlier, and a record produced in that gap can be lost: the
     * idempotent producer's first batch of a partition fails with NOT_LEADER_OR_FOLLOWER, the next batches (up to 5
     * in flight) are appended before it, its retry is then out of sequence forever and expires after
     * delivery.timeout.ms (120 s). Seen with kafka-clients 3.9.1 against the 4.1.2 broker, about 1 topic in 10.
     */
    private static void awaitServed(Admin admin, String topic, int partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> all = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            all.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(all).all().get();
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " not served after 30 s", e.getCause());
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // broker-side readiness, not a test wait
            }
        }
    }

    /** The group's committed offset of partition 0 of {@code topic}, or -1 when it has none. */
    static long committedOffset(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Creates a fresh topic with {@code partitions} partitions and returns its name. */
    static String newTopic(String prefix, int partitions) {
        String name = prefix + "-" + TOPICS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            awaitServed(admin, name, partitions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        }
        return name;
    }
}

package dev.psi.dispatcher;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tuning that the KafkaSource manifests do not declare.
 *
 * @param commitInterval          how often delivered offsets are committed (asynchronously); also committed
 *                                synchronously on revocation and on close. Knative commits on an interval too;
 *                                the functions' inbox makes a redelivery after a crash harmless
 * @param pollTimeout             the longest one {@code poll} blocks; bounds how fast close and resume react
 * @param defaultRequestTimeout   the limit of one HTTP attempt when the manifest declares no {@code delivery.timeout}
 * @param maxBufferedPerPartition records fetched but not yet delivered above which a partition is paused
 * @param consumerProperties      extra or overriding Kafka consumer properties
 */
public record DispatcherOptions(Duration commitInterval, Duration pollTimeout, Duration defaultRequestTimeout,
                                int maxBufferedPerPartition, Map<String, String> consumerProperties) {

    public DispatcherOptions {
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(defaultRequestTimeout, "defaultRequestTimeout");
        if (maxBufferedPerPartition < 1) {
            throw new IllegalArgumentException("maxBufferedPerPartition must be positive");
        }
        consumerProperties = Map.copyOf(consumerProperties);
    }

    /** Commit every second, poll at most 100 ms, 30 s per HTTP attempt, pause a partition at 1,000 buffered records. */
    public static DispatcherOptions defaults() {
        return new DispatcherOptions(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30), 1000, Map.of());
    }

    public DispatcherOptions withCommitInterval(Duration value) {
        return new DispatcherOptions(value, pollTimeout, defaultRequestTimeout, maxBufferedPerPartition, consumerProperties);
    }

    public DispatcherOptions withDefaultRequestTimeout(Duration value) {
        return new DispatcherOptions(commitInterval, pollTimeout, value, maxBufferedPerPartition, consumerProperties);
    }

    public DispatcherOptions withMaxBufferedPerPartition(int value) {
        return new DispatcherOptions(commitInterval, pollTimeout, defaultRequestTimeout, value, consumerProperties);
    }

    public DispatcherOptions withConsumerProperties(Map<String, String> value) {
        return new DispatcherOptions(commitInterval, pollTimeout, defaultRequestTimeout, maxBufferedPerPartition, value);
    }
}

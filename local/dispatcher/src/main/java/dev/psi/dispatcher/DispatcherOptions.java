package dev.psi.dispatcher;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param internalToken           the functions' internal credential ({@code PSI_INTERNAL_TOKEN}), sent as
 *                                {@code Authorization: Bearer} with every delivery; empty sends none
 */
public record DispatcherOptions(Duration commitInterval, Duration pollTimeout, Duration defaultRequestTimeout,
                                int maxBufferedPerPartition, Map<String, String> consumerProperties,
                                Optional<String> internalToken) {

    public DispatcherOptions {
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(defaultRequestTimeout, "defaultRequestTimeout");
        if (maxBufferedPerPartition < 1) {
            throw new IllegalArgumentException("maxBufferedPerPartition must be positive");
        }
        consumerProperties = Map.copyOf(consumerProperties);
        Objects.requireNonNull(internalToken, "internalToken");
    }

    /**
     * Commit every second, poll at most 100 ms, 30 s per HTTP attempt, pause a partition at 1,000 buffered records,
     * the internal credential from {@code PSI_INTERNAL_TOKEN} when set.
     */
    public static DispatcherOptions defaults() {
        return new DispatcherOptions(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30), 1000, Map.of(),
                Optional.ofNullable(System.getenv("PSI_INTERNAL_TOKEN")).filter(t -> !t.isBlank()));
    }

    public DispatcherOptions withInternalToken(String value) {
        return new DispatcherOptions(commitInterval, pollTimeout, defaultRequestTimeout, maxBufferedPerPartition,
                consumerProperties, Optional.ofNullable(value).filter(t -> !t.isBlank()));
    }

    public DispatcherOptions withCommitInterval(Duration value) {
        return new DispatcherOptions(value, pollTimeout, defaultRequestTimeout, maxBufferedPerPartition, consumerProperties, internalToken);
    }

    public DispatcherOptions withDefaultRequestTimeout(Duration value) {
        return new DispatcherOptions(commitInterval, pollTimeout, value, maxBufferedPerPartition, consumerProperties, internalToken);
    }

    public DispatcherOptions withMaxBufferedPerPartition(int value) {
        return new DispatcherOptions(commitInterval, pollTimeout, defaultRequestTimeout, value, consumerProperties, internalToken);
    }

    public DispatcherOptions withConsumerProperties(Map<String, String> value) {
        return new DispatcherOptions(commitInterval, pollTimeout, defaultRequestTimeout, maxBufferedPerPartition, value, internalToken);
    }
}

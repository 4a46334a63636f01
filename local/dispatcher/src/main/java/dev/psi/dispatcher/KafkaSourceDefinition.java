package dev.psi.dispatcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dispatcher needs from one {@code sources.knative.dev} KafkaSource manifest.
 *
 * @param name             {@code metadata.name}
 * @param namespace        {@code metadata.namespace}, or {@code default} when the manifest leaves it to kustomize
 * @param topics           {@code spec.topics}
 * @param consumerGroup    {@code spec.consumerGroup} (PSI's manifests use the source name)
 * @param bootstrapServers {@code spec.bootstrapServers} as declared (the cluster's); the dispatcher is given its own
 * @param sink             {@code spec.sink}
 * @param deadLetterSink   {@code spec.delivery.deadLetterSink}, if declared
 * @param retry            {@code spec.delivery.retry}: retries after the first attempt (0 when not declared)
 * @param backoffPolicy    {@code spec.delivery.backoffPolicy} (exponential when not declared)
 * @param backoffDelay     {@code spec.delivery.backoffDelay} (ISO-8601; {@link KafkaSources#DEFAULT_BACKOFF_DELAY} when not declared)
 * @param timeout          {@code spec.delivery.timeout}: the limit of one HTTP attempt, if declared
 * @param initialOffset    {@code spec.initialOffset} (latest when not declared, as in Knative)
 * @param ordering         {@code spec.ordering} (ordered when not declared, as in Knative)
 * @param ceOverrides      {@code spec.ceOverrides.extensions}: extension attributes set on every delivered event
 */
public record KafkaSourceDefinition(
        String name,
        String namespace,
        List<String> topics,
        String consumerGroup,
        List<String> bootstrapServers,
        Destination sink,
        Optional<Destination> deadLetterSink,
        int retry,
        BackoffPolicy backoffPolicy,
        Duration backoffDelay,
        Optional<Duration> timeout,
        InitialOffset initialOffset,
        Ordering ordering,
        Map<String, String> ceOverrides) {

    public KafkaSourceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("KafkaSource " + name + " has no topics");
        }
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        bootstrapServers = List.copyOf(bootstrapServers);
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(deadLetterSink, "deadLetterSink");
        if (retry < 0) {
            throw new IllegalArgumentException("KafkaSource " + name + ": retry must be >= 0, got " + retry);
        }
        Objects.requireNonNull(backoffPolicy, "backoffPolicy");
        Objects.requireNonNull(backoffDelay, "backoffDelay");
        if (backoffDelay.isNegative()) {
            throw new IllegalArgumentException("KafkaSource " + name + ": backoffDelay must not be negative");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialOffset, "initialOffset");
        Objects.requireNonNull(ordering, "ordering");
        ceOverrides = Map.copyOf(ceOverrides);
    }

    /** The wait before retry number {@code retry} (1-based) under this source's policy. */
    public Duration backoff(int retry) {
        return backoffPolicy.delay(backoffDelay, retry);
    }

    /** A copy with other topics and consumer group: handy for tests that must not share either. */
    public KafkaSourceDefinition withTopicsAndGroup(List<String> newTopics, String newConsumerGroup) {
        return new KafkaSourceDefinition(name, namespace, newTopics, newConsumerGroup, bootstrapServers, sink,
                deadLetterSink, retry, backoffPolicy, backoffDelay, timeout, initialOffset, ordering, ceOverrides);
    }

    /** A copy with another retry policy: handy for tests that cannot wait for the declared backoff. */
    public KafkaSourceDefinition withDelivery(int newRetry, BackoffPolicy newPolicy, Duration newBackoffDelay) {
        return new KafkaSourceDefinition(name, namespace, topics, consumerGroup, bootstrapServers, sink,
                deadLetterSink, newRetry, newPolicy, newBackoffDelay, timeout, initialOffset, ordering, ceOverrides);
    }
}

package dev.psi.dispatcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does locally what Knative's KafkaSource does in the cluster: one Kafka consumer per KafkaSource (group = the
 * source's consumer group, manual commits), every record POSTed to the sink as a binary-mode CloudEvent, one at a
 * time per partition and in offset order (partitions concurrently), retried per the source's delivery spec, then
 * sent to the dead-letter sink with Knative's {@code knativeerror*} extensions.
 *
 * <pre>{@code
 * List<KafkaSourceDefinition> sources = KafkaSources.load(Path.of("knative"));
 * try (Dispatcher dispatcher = Dispatcher.start(sources, "127.0.0.1:19092",
 *         service -> Optional.ofNullable(urls.get(service)))) {
 *     ...
 * }
 * }</pre>
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /**
     * One client for every dispatcher in the JVM: Java 17's HttpClient cannot be closed, so one per dispatcher would
     * leave its selector thread behind each time. HTTP/1.1 (no h2c upgrade attempt); each request has its own timeout.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final Map<String, SourceConsumer> consumers;
    private final Map<String, String> skipped;
    private final Duration closeTimeout;
    private volatile boolean closed;

    private Dispatcher(Map<String, SourceConsumer> consumers, Map<String, String> skipped, Duration closeTimeout) {
        this.consumers = consumers;
        this.skipped = skipped;
        this.closeTimeout = closeTimeout;
    }

    /** {@link #start(List, String, Function, DispatcherOptions)} with {@link DispatcherOptions#defaults()}. */
    public static Dispatcher start(List<KafkaSourceDefinition> definitions, String bootstrapServers,
                                   Function<String, Optional<URI>> serviceUrl) {
        return start(definitions, bootstrapServers, serviceUrl, DispatcherOptions.defaults());
    }

    /**
     * Starts one consumer per definition whose sink resolves and returns at once (consumers join their groups in
     * the background; see {@link #awaitAssignment(Duration)}).
     *
     * @param bootstrapServers replaces every definition's {@code bootstrapServers} (those name the cluster's Kafka)
     * @param serviceUrl       a Knative Service name to its base URL, e.g. {@code http://127.0.0.1:8084}; a source
     *                         whose sink Service has none is skipped (logged, listed in {@link #skippedSources()});
     *                         a dead-letter sink without one means failed events are logged and dropped
     */
    public static Dispatcher start(List<KafkaSourceDefinition> definitions, String bootstrapServers,
                                   Function<String, Optional<URI>> serviceUrl, DispatcherOptions options) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        HttpClient http = HTTP;
        Map<String, SourceConsumer> consumers = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Duration longestRequest = options.defaultRequestTimeout();
        try {
            for (KafkaSourceDefinition source : definitions) {
                Optional<URI> sink = source.sink().resolve(serviceUrl);
                if (sink.isEmpty()) {
                    String reason = source.sink().service() != null
                            ? "no URL for Service " + source.sink().service() : "no URL for " + source.sink();
                    log.info("KafkaSource {} skipped: {} (topics {})", source.name(), reason, source.topics());
                    skipped.put(source.name(), reason);
                    continue;
                }
                Optional<URI> deadLetter = source.deadLetterSink().flatMap(d -> d.resolve(serviceUrl));
                if (source.deadLetterSink().isPresent() && deadLetter.isEmpty()) {
                    log.warn("KafkaSource {}: no URL for dead-letter sink {}; failed events will only be logged",
                            source.name(), source.deadLetterSink().get());
                }
                if (source.ordering() == Ordering.UNORDERED) {
                    log.warn("KafkaSource {} declares ordering: unordered; delivering in order anyway", source.name());
                }
                Duration requestTimeout = source.timeout().orElse(options.defaultRequestTimeout());
                if (requestTimeout.compareTo(longestRequest) > 0) {
                    longestRequest = requestTimeout;
                }
                Delivery delivery = new Delivery(source, http, sink.get(), deadLetter, requestTimeout,
                        options.internalToken());
                SourceConsumer consumer = new SourceConsumer(source, bootstrapServers, options, delivery, requestTimeout);
                consumers.put(source.name(), consumer);
                log.info("KafkaSource {}: {} -> {} (group {}, {} retries {} from {}, dead letters -> {}, initial offset {})",
                        source.name(), source.topics(), sink.get(), source.consumerGroup(), source.retry(),
                        source.backoffPolicy().manifestValue(), source.backoffDelay(),
                        deadLetter.map(URI::toString).orElse("(none)"), source.initialOffset().autoOffsetReset());
            }
        } catch (RuntimeException e) {
            consumers.values().forEach(SourceConsumer::closeUnstarted);
            throw e;
        }
        consumers.values().forEach(SourceConsumer::start);
        // Closing waits for requests in flight (bounded by their timeout) and the final commits.
        return new Dispatcher(consumers, skipped, longestRequest.plusSeconds(15));
    }

    /** Names of the KafkaSources being consumed. */
    public List<String> activeSources() {
        return List.copyOf(consumers.keySet());
    }

    /** Names of the KafkaSources not consumed, with the reason (their sink Service has no URL). */
    public Map<String, String> skippedSources() {
        return Map.copyOf(skipped);
    }

    /**
     * Waits until every active source's consumer has joined its group and received its first assignment (empty
     * for a topic that does not exist yet: the dispatcher never creates topics). With {@code initialOffset: latest}
     * records produced before that are not delivered (as in Knative).
     *
     * @return false if {@code timeout} passed first
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SourceConsumer consumer : consumers.values()) {
            if (!consumer.awaitAssigned(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops consuming: records not yet started are left for the next run, requests in flight complete, a backoff
     * wait ends early (that record stays uncommitted), finished offsets are committed, the consumers leave their
     * groups. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumers.values().forEach(SourceConsumer::requestClose);
        List<String> stuck = new ArrayList<>();
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        for (Map.Entry<String, SourceConsumer> entry : consumers.entrySet()) {
            try {
                if (!entry.getValue().awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    stuck.add(entry.getKey());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stuck.add(entry.getKey());
                break;
            }
        }
        if (!stuck.isEmpty()) {
            log.warn("dispatcher closed while {} had not stopped yet", stuck);
        }
    }
}

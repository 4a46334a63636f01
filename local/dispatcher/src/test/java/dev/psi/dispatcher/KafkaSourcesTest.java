package dev.psi.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KafkaSourcesTest {

    @Test
    void readsTheRealManifests() throws Exception {
        List<KafkaSourceDefinition> sources = KafkaSources.load(Repo.knative());

        assertEquals(List.of("stock-adjust-sales-orders", "stock-adjust-purchase-orders", "order-workflow-stock",
                "finance-stock", "replenish-stock"), sources.stream().map(KafkaSourceDefinition::name).toList());
        Map<String, List<String>> topics = Map.of(
                "stock-adjust-sales-orders", List.of("psi.sales-orders"),
                "stock-adjust-purchase-orders", List.of("psi.purchase-orders"),
                "order-workflow-stock", List.of("psi.stock"),
                "finance-stock", List.of("psi.stock"),
                "replenish-stock", List.of("psi.stock"));
        Map<String, String> functions = Map.of(
                "stock-adjust-sales-orders", "stock-adjust",
                "stock-adjust-purchase-orders", "stock-adjust",
                "order-workflow-stock", "order-workflow",
                "finance-stock", "finance",
                "replenish-stock", "replenish");
        for (KafkaSourceDefinition source : sources) {
            String name = source.name();
            assertEquals(topics.get(name), source.topics(), name);
            assertEquals(name, source.consumerGroup(), name);
            assertEquals(List.of("psi-kafka-kafka-bootstrap.psi-system.svc:9092"), source.bootstrapServers(), name);
            assertEquals(new Destination(functions.get(name), "/events"), source.sink(), name);
            assertEquals(Optional.of(new Destination(functions.get(name), "/events/dead-letter")),
                    source.deadLetterSink(), name);
            assertEquals(5, source.retry(), name);
            assertEquals(BackoffPolicy.EXPONENTIAL, source.backoffPolicy(), name);
            assertEquals(Duration.ofMillis(200), source.backoffDelay(), name);
            assertEquals(InitialOffset.EARLIEST, source.initialOffset(), name);
            assertEquals(Ordering.ORDERED, source.ordering(), name);
            assertEquals(Optional.empty(), source.timeout(), name);
        }
        // Every event topic of the contract reaches at least one function.
        assertEquals(SharedKafka.PSI_TOPICS.stream().sorted().toList(),
                sources.stream().flatMap(s -> s.topics().stream()).distinct().sorted().toList());
    }

    @Test
    void exponentialAndLinearBackoffAsKnativeComputesThem() {
        Duration delay = Duration.ofMillis(200);
        assertEquals(List.of(400L, 800L, 1600L, 3200L, 6400L),
                List.of(1, 2, 3, 4, 5).stream().map(n -> BackoffPolicy.EXPONENTIAL.delay(delay, n).toMillis()).toList());
        assertEquals(List.of(200L, 400L, 600L),
                List.of(1, 2, 3).stream().map(n -> BackoffPolicy.LINEAR.delay(delay, n).toMillis()).toList());
    }

    @Test
    void defaultsOtherKindsAndAbsoluteUris() {
        String yaml = """
                apiVersion: sources.knative.dev/v1
                kind: PingSource
                metadata: {name: sweep}
                spec: {schedule: "* * * * *", sink: {uri: http://example.test/}}
                ---
                apiVersion: sources.knative.dev/v1
                kind: KafkaSource
                metadata: {name: bare, namespace: shop}
                spec:
                  bootstrapServers: [k:9092]
                  topics: [a, b]
                  sink: {uri: "http://127.0.0.1:9999/hook"}
                  ceOverrides: {extensions: {env: local}}
                """;
        List<KafkaSourceDefinition> sources = KafkaSources.parse(yaml, "inline");
        assertEquals(1, sources.size());
        KafkaSourceDefinition bare = sources.get(0);
        assertEquals("shop", bare.namespace());
        assertEquals(List.of("a", "b"), bare.topics());
        assertEquals("bare", bare.consumerGroup());
        assertEquals(0, bare.retry());
        assertEquals(BackoffPolicy.EXPONENTIAL, bare.backoffPolicy());
        assertEquals(InitialOffset.LATEST, bare.initialOffset(), "Knative's default");
        assertEquals(Optional.empty(), bare.deadLetterSink());
        assertEquals(Map.of("env", "local"), bare.ceOverrides());
        Function<String, Optional<URI>> none = name -> Optional.empty();
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9999/hook")), bare.sink().resolve(none));
    }

    @Test
    void resolvesServiceRefPlusUriLikeKnative() {
        Destination events = Destination.service("stock-adjust", "/events");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8084/events")),
                events.resolve(name -> Optional.of(URI.create("http://127.0.0.1:8084"))));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8084/events")),
                events.resolve(name -> Optional.of(URI.create("http://127.0.0.1:8084/"))));
        assertEquals(Optional.of(URI.create("http://h/base/events")),
                Destination.service("x", "events").resolve(name -> Optional.of(URI.create("http://h/base/"))));
        assertEquals(Optional.of(URI.create("http://h:1")),
                Destination.service("x", null).resolve(name -> Optional.of(URI.create("http://h:1"))));
        assertEquals(Optional.empty(), events.resolve(name -> Optional.empty()));
    }

    @Test
    void rejectsWhatItCannotHonourNamingTheDocument() {
        String badRetry = """
                apiVersion: sources.knative.dev/v1beta1
                kind: KafkaSource
                metadata: {name: broken}
                spec:
                  bootstrapServers: [k:9092]
                  topics: [a]
                  sink: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: f}, uri: /events}
                  delivery: {retry: five}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSources.parse(badRetry, "bad.yaml"));
        assertTrue(e.getMessage().contains("bad.yaml (document 1)") && e.getMessage().contains("retry"), e.getMessage());

        String brokerSink = badRetry.replace("delivery: {retry: five}", "delivery: {backoffDelay: 200ms}");
        e = assertThrows(IllegalArgumentException.class, () -> KafkaSources.parse(brokerSink, "b.yaml"));
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());

        String noTopics = badRetry.replace("topics: [a]", "topics: []").replace("delivery: {retry: five}", "");
        e = assertThrows(IllegalArgumentException.class, () -> KafkaSources.parse(noTopics, "t.yaml"));
        assertTrue(e.getMessage().contains("no topics"), e.getMessage());

        String otherKind = badRetry.replace("kind: Service", "kind: Broker").replace("delivery: {retry: five}", "");
        e = assertThrows(IllegalArgumentException.class, () -> KafkaSources.parse(otherKind, "k.yaml"));
        assertTrue(e.getMessage().contains("Service"), e.getMessage());
    }
}

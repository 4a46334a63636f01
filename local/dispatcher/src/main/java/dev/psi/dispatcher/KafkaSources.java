package dev.psi.dispatcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the KafkaSource manifests of a {@code knative/} directory: every {@code *.yaml} / {@code *.yml} file
 * directly in it, every document in each file; documents of other kinds (Services, PingSources, the
 * kustomization) are skipped. Only what the dispatcher needs is read; the CRD validation test checks the rest.
 */
public final class KafkaSources {

    public static final String KIND = "KafkaSource";
    public static final String API_GROUP = "sources.knative.dev";
    /** The versions the KafkaSource CRD serves (v1beta1 is the storage version). */
    public static final Set<String> SERVED_VERSIONS = Set.of("v1beta1", "v1");
    /** Used when {@code delivery.backoffDelay} is not declared. */
    public static final Duration DEFAULT_BACKOFF_DELAY = Duration.ofMillis(200);

    private KafkaSources() {
    }

    /** All KafkaSources under {@code knativeDir}, ordered by file name and then by position in the file. */
    public static List<KafkaSourceDefinition> load(Path knativeDir) throws IOException {
        if (!Files.isDirectory(knativeDir)) {
            throw new IOException("not a directory: " + knativeDir.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(knativeDir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        List<KafkaSourceDefinition> result = new ArrayList<>();
        for (Path file : files) {
            result.addAll(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        }
        List<String> names = result.stream().map(KafkaSourceDefinition::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("duplicate KafkaSource names in " + knativeDir + ": " + names);
        }
        return List.copyOf(result);
    }

    /** The KafkaSources among the YAML documents of {@code yaml}; {@code origin} names it in error messages. */
    public static List<KafkaSourceDefinition> parse(String yaml, String origin) {
        Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<KafkaSourceDefinition> result = new ArrayList<>();
        int index = 0;
        for (Object document : parser.loadAll(yaml)) {
            index++;
            if (!(document instanceof Map<?, ?> map) || !KIND.equals(map.get("kind"))) {
                continue;
            }
            String where = origin + " (document " + index + ")";
            try {
                result.add(definition(map));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static KafkaSourceDefinition definition(Map<?, ?> doc) {
        String apiVersion = string(doc, "apiVersion");
        if (apiVersion == null || !apiVersion.startsWith(API_GROUP + "/")
                || !SERVED_VERSIONS.contains(apiVersion.substring(API_GROUP.length() + 1))) {
            throw new IllegalArgumentException("apiVersion must be " + API_GROUP + "/ one of " + SERVED_VERSIONS
                    + ", got " + apiVersion);
        }
        Map<?, ?> metadata = map(doc, "metadata");
        String name = required(metadata, "name", "metadata");
        String namespace = Optional.ofNullable(string(metadata, "namespace")).orElse("default");
        Map<?, ?> spec = map(doc, "spec");
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("KafkaSource " + name + " has no spec");
        }
        List<String> topics = strings(spec, "topics");
        String consumerGroup = Optional.ofNullable(string(spec, "consumerGroup")).orElse(name);
        Map<?, ?> sinkSpec = map(spec, "sink");
        if (sinkSpec.isEmpty()) {
            throw new IllegalArgumentException("KafkaSource " + name + " has no spec.sink");
        }
        Destination sink = destination(sinkSpec, "spec.sink");

        Map<?, ?> delivery = map(spec, "delivery");
        Map<?, ?> dls = map(delivery, "deadLetterSink");
        Optional<Destination> deadLetterSink = dls.isEmpty()
                ? Optional.empty() : Optional.of(destination(dls, "spec.delivery.deadLetterSink"));
        Object retryValue = delivery.get("retry");
        int retry;
        if (retryValue == null) {
            retry = 0;
        } else if (retryValue instanceof Integer i) {
            retry = i;
        } else {
            throw new IllegalArgumentException("spec.delivery.retry must be an integer, got '" + retryValue + "'");
        }
        BackoffPolicy backoffPolicy = Optional.ofNullable(string(delivery, "backoffPolicy"))
                .map(BackoffPolicy::parse).orElse(BackoffPolicy.EXPONENTIAL);
        Duration backoffDelay = Optional.ofNullable(string(delivery, "backoffDelay"))
                .map(v -> duration(v, "spec.delivery.backoffDelay")).orElse(DEFAULT_BACKOFF_DELAY);
        Optional<Duration> timeout = Optional.ofNullable(string(delivery, "timeout"))
                .map(v -> duration(v, "spec.delivery.timeout"));
        InitialOffset initialOffset = Optional.ofNullable(string(spec, "initialOffset"))
                .map(InitialOffset::parse).orElse(InitialOffset.LATEST);
        Ordering ordering = Optional.ofNullable(string(spec, "ordering")).map(Ordering::parse).orElse(Ordering.ORDERED);
        Map<String, String> ceOverrides = new LinkedHashMap<>();
        map(map(spec, "ceOverrides"), "extensions").forEach((k, v) -> ceOverrides.put(String.valueOf(k), String.valueOf(v)));

        return new KafkaSourceDefinition(name, namespace, topics, consumerGroup, strings(spec, "bootstrapServers"),
                sink, deadLetterSink, retry, backoffPolicy, backoffDelay, timeout, initialOffset, ordering, ceOverrides);
    }

    private static Destination destination(Map<?, ?> spec, String path) {
        String uri = string(spec, "uri");
        Map<?, ?> ref = map(spec, "ref");
        if (ref.isEmpty()) {
            if (uri == null) {
                throw new IllegalArgumentException(path + " needs a ref or a uri");
            }
            return new Destination(null, uri);
        }
        String kind = required(ref, "kind", path + ".ref");
        String apiVersion = string(ref, "apiVersion");
        if (!"Service".equals(kind) || (apiVersion != null && !apiVersion.startsWith("serving.knative.dev/"))) {
            throw new IllegalArgumentException(path + ".ref must be a serving.knative.dev Service (the dispatcher"
                    + " resolves nothing else), got " + apiVersion + " " + kind);
        }
        return new Destination(required(ref, "name", path + ".ref"), uri);
    }

    private static Duration duration(String value, String path) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + " must be an ISO-8601 duration such as PT0.2S, got '" + value + "'");
        }
    }

    private static Map<?, ?> map(Map<?, ?> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(key + " must be a mapping, got '" + value + "'");
    }

    private static String string(Map<?, ?> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " must be a string, got '" + value + "'");
    }

    private static String required(Map<?, ?> parent, String key, String path) {
        String value = string(parent, key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(path + "." + key + " is required");
        }
        return value;
    }

    private static List<String> strings(Map<?, ?> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException(key + " must be a list of strings, got '" + value + "'");
    }
}

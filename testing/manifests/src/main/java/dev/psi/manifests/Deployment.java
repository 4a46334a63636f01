package dev.psi.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The manifests of knative/ and k8s/base/ as written (every document of every YAML file directly in each folder),
 * with what their kustomizations generate from files: the keys of generated Secrets and ConfigMaps and the
 * Grafana dashboards.
 */
public final class Deployment {

    public static final String KNATIVE_SERVICE = "serving.knative.dev/v1";

    private final Layout layout;
    private final List<Manifest> knative;
    private final List<Manifest> base;

    public Deployment(Layout layout) {
        this.layout = layout;
        this.knative = load(layout.knative());
        this.base = load(layout.base());
    }

    /** The same checks over manifests that kubectl rendered (no generator files then: they are expanded). */
    public Deployment(Layout layout, List<Manifest> knative, List<Manifest> base) {
        this.layout = layout;
        this.knative = knative;
        this.base = base;
    }

    private static List<Manifest> load(Path dir) {
        List<Manifest> result = new ArrayList<>();
        for (Path file : Yaml.files(dir)) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                result.addAll(Yaml.documents(file));
            }
        }
        return result;
    }

    public Layout layout() {
        return layout;
    }

    public List<Manifest> all() {
        return Stream.concat(knative.stream(), base.stream()).toList();
    }

    public List<Manifest> knative() {
        return knative;
    }

    public List<Manifest> base() {
        return base;
    }

    public List<Manifest> ofKind(String kind) {
        return all().stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** The Knative Services by name. */
    public Map<String, Manifest> services() {
        Map<String, Manifest> result = new LinkedHashMap<>();
        all().stream().filter(m -> m.is(KNATIVE_SERVICE, "Service")).forEach(m -> result.put(m.name(), m));
        return result;
    }

    /** The Kafka topic names of the KafkaTopics (spec.topicName, else the resource name). */
    public Set<String> kafkaTopics() {
        Set<String> result = new TreeSet<>();
        for (Manifest topic : ofKind("KafkaTopic")) {
            result.add(topic.node().path("spec").path("topicName").asText(topic.name()));
        }
        return result;
    }

    /** The keys of ConfigMap or Secret {@code name}: a manifest of that name, or what a generator makes of its files. */
    public Optional<Set<String>> keys(String kind, String name) {
        for (Manifest m : base) {
            if (m.kind().equals(kind) && m.name().equals(name)) {
                Set<String> keys = new TreeSet<>();
                m.node().path("data").fieldNames().forEachRemaining(keys::add);
                m.node().path("stringData").fieldNames().forEachRemaining(keys::add);
                return Optional.of(keys);
            }
        }
        for (JsonNode generator : kustomization().path(kind.equals("Secret") ? "secretGenerator" : "configMapGenerator")) {
            if (generator.path("name").asText().equals(name)) {
                Set<String> keys = new TreeSet<>();
                for (JsonNode env : generator.path("envs")) {
                    Yaml.read(layout.base().resolve(env.asText())).lines()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                            .forEach(l -> keys.add(l.substring(0, l.indexOf('='))));
                }
                for (JsonNode literal : generator.path("literals")) {
                    keys.add(literal.asText().substring(0, literal.asText().indexOf('=')));
                }
                for (JsonNode file : generator.path("files")) {
                    keys.add(Path.of(file.asText().replaceFirst("^[^=]+=", "")).getFileName().toString());
                }
                return Optional.of(keys);
            }
        }
        return Optional.empty();
    }

    /** The Grafana dashboards: the files of configMapGenerators labelled grafana_dashboard. */
    public List<JsonNode> dashboards() {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode generator : kustomization().path("configMapGenerator")) {
            if (generator.path("options").path("labels").has("grafana_dashboard")) {
                for (JsonNode file : generator.path("files")) {
                    result.add(Yaml.json(layout.base().resolve(file.asText().replaceFirst("^[^=]+=", ""))));
                }
            }
        }
        for (Manifest m : ofKind("ConfigMap")) {
            if (m.node().path("metadata").path("labels").has("grafana_dashboard")) {
                m.node().path("data").elements().forEachRemaining(d -> {
                    try {
                        result.add(Yaml.JSON.readTree(d.asText()));
                    } catch (Exception e) {
                        throw new IllegalArgumentException(m + ": dashboard is not JSON: " + e.getMessage(), e);
                    }
                });
            }
        }
        return result;
    }

    private JsonNode kustomization() {
        Path file = layout.base().resolve("kustomization.yaml");
        return file.toFile().exists() ? Yaml.documents(file).get(0).node() : Yaml.JSON.createObjectNode();
    }
}

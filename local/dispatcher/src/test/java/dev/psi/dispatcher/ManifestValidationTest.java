package dev.psi.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates every custom resource in {@code knative/} against the openAPIV3Schema of its CRD in
 * {@code ../shared/crds/} (what the API server would check), made strict the way the crds README says:
 * {@code additionalProperties: false} where a schema lists properties and does not preserve unknown fields,
 * int-or-string as anyOf, and apiVersion / kind / metadata at the root.
 */
class ManifestValidationTest {

    /** Kinds that must have a CRD to be checked against: a missing one is a failure, not a skip. */
    private static final Set<String> REQUIRED_KINDS = Set.of("KafkaSource", "PingSource");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** "group/version|Kind" to the converted openAPIV3Schema. */
    private static final Map<String, ObjectNode> SCHEMAS = new HashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    @BeforeAll
    static void loadCrds() throws IOException {
        Path crds = Repo.sharedCrds();
        if (!Files.isDirectory(crds)) {
            System.out.println("SKIPPED: CRD validation of knative/: " + crds + " does not exist");
            return;
        }
        for (Path file : yamlFiles(crds)) {
            for (JsonNode crd : documents(file)) {
                if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                    continue;
                }
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema");
                    if (version.path("served").asBoolean() && schema.isObject()) {
                        String apiVersion = group + "/" + version.path("name").asText();
                        SCHEMAS.put(apiVersion + "|" + kind, strict(schema.deepCopy(), apiVersion, kind));
                    }
                }
            }
        }
    }

    @Test
    void everyKnativeManifestMatchesItsCrd() throws IOException {
        assumeCrds();
        Map<String, Integer> validated = new HashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (Path file : yamlFiles(Repo.knative())) {
            for (JsonNode doc : documents(file)) {
                String kind = doc.path("kind").asText();
                if ("Kustomization".equals(kind)) {
                    continue;
                }
                String name = file.getFileName() + " " + kind + "/" + doc.path("metadata").path("name").asText();
                ObjectNode schema = SCHEMAS.get(doc.path("apiVersion").asText() + "|" + kind);
                if (schema == null) {
                    if (REQUIRED_KINDS.contains(kind)) {
                        failures.add(name + ": no served CRD version for " + doc.path("apiVersion").asText());
                    } else {
                        unchecked.add(name);
                    }
                    continue;
                }
                Set<ValidationMessage> errors = validate(schema, doc);
                errors.forEach(m -> failures.add(name + ": " + m.getMessage()));
                validated.merge(kind, 1, Integer::sum);
            }
        }
        System.out.println("validated against CRDs: " + validated + (unchecked.isEmpty() ? "" : "; no CRD for " + unchecked));
        assertEquals(List.of(), failures);
        assertEquals(5, validated.getOrDefault("KafkaSource", 0), "KafkaSources validated");
        assertEquals(3, validated.getOrDefault("PingSource", 0), "PingSources validated");
    }

    @Test
    void theStrictSchemasCatchMistakes() throws IOException {
        assumeCrds();
        JsonNode kafkaSource = documents(Repo.knative().resolve("kafka-sources.yaml")).get(0);
        ObjectNode schema = SCHEMAS.get(kafkaSource.path("apiVersion").asText() + "|KafkaSource");
        assertEquals(Set.of(), validate(schema, kafkaSource));

        assertInvalid(schema, kafkaSource, d -> spec(d).with("delivery").put("retry", "five"));
        assertInvalid(schema, kafkaSource, d -> spec(d).with("sink").put("path", "/events"));
        assertInvalid(schema, kafkaSource, d -> spec(d).remove("topics"));
        assertInvalid(schema, kafkaSource, d -> spec(d).put("bootstrapServers", "k:9092"));
        assertInvalid(schema, kafkaSource, d -> ((ObjectNode) d).put("kind", "KafkaSink"));
        assertInvalid(schema, kafkaSource, d -> ((ObjectNode) d.path("metadata")).remove("name"));

        JsonNode ping = documents(Repo.knative().resolve("ping-sources.yaml")).get(0);
        ObjectNode pingSchema = SCHEMAS.get(ping.path("apiVersion").asText() + "|PingSource");
        assertEquals(Set.of(), validate(pingSchema, ping));
        assertInvalid(pingSchema, ping, d -> spec(d).put("schedule", 5));
        assertInvalid(pingSchema, ping, d -> spec(d).put("payload", "{}"));
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization = documents(Repo.knative().resolve("kustomization.yaml")).get(0);
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        for (Path file : yamlFiles(Repo.knative())) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                present.add(file.getFileName().toString());
            }
        }
        assertEquals(present, listed);
    }

    private static void assumeCrds() {
        Assumptions.assumeTrue(Files.isDirectory(Repo.sharedCrds()),
                "CRD validation skipped: " + Repo.sharedCrds() + " does not exist");
        assertFalse(SCHEMAS.isEmpty(), "no CRD schemas found in " + Repo.sharedCrds());
    }

    private static ObjectNode spec(JsonNode doc) {
        return (ObjectNode) doc.path("spec");
    }

    private static void assertInvalid(ObjectNode schema, JsonNode valid, Consumer<JsonNode> mutation) {
        JsonNode broken = valid.deepCopy();
        mutation.accept(broken);
        Set<ValidationMessage> errors = validate(schema, broken);
        assertTrue(!errors.isEmpty(), "accepted: " + broken);
    }

    private static Set<ValidationMessage> validate(ObjectNode schema, JsonNode doc) {
        JsonSchema compiled = FACTORY.getSchema(schema);
        return compiled.validate(doc);
    }

    /** The CRD schema made strict, with the object envelope at the root. */
    static ObjectNode strict(ObjectNode schema, String apiVersion, String kind) {
        walk(schema);
        ObjectNode properties = schema.with("properties");
        properties.set("apiVersion", NODES.objectNode().put("type", "string")
                .set("enum", NODES.arrayNode().add(apiVersion)));
        properties.set("kind", NODES.objectNode().put("type", "string").set("enum", NODES.arrayNode().add(kind)));
        ObjectNode stringMap = NODES.objectNode().put("type", "object");
        stringMap.set("additionalProperties", NODES.objectNode().put("type", "string"));
        ObjectNode metadataProperties = NODES.objectNode();
        metadataProperties.set("name", NODES.objectNode().put("type", "string").put("maxLength", 253)
                .put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
        metadataProperties.set("namespace", NODES.objectNode().put("type", "string"));
        metadataProperties.set("labels", stringMap.deepCopy());
        metadataProperties.set("annotations", stringMap.deepCopy());
        ObjectNode metadata = NODES.objectNode().put("type", "object");
        metadata.set("required", NODES.arrayNode().add("name"));
        metadata.set("properties", metadataProperties);
        metadata.put("additionalProperties", false);
        properties.set("metadata", metadata);
        ArrayNode required = NODES.arrayNode().add("apiVersion").add("kind").add("metadata");
        schema.path("required").forEach(r -> {
            if (!List.of("apiVersion", "kind", "metadata").contains(r.asText())) {
                required.add(r);
            }
        });
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** Applies the crds README's rules to a (sub)schema and everything under it. */
    private static void walk(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        schema.path("properties").forEach(ManifestValidationTest::walk);
        JsonNode items = schema.path("items");
        if (items.isArray()) {
            items.forEach(ManifestValidationTest::walk);
        } else {
            walk(items);
        }
        walk(schema.path("additionalProperties"));
        walk(schema.path("not"));
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            schema.path(combinator).forEach(ManifestValidationTest::walk);
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            schema.remove("type");
            if (!schema.has("anyOf")) {
                schema.set("anyOf", NODES.arrayNode()
                        .add(NODES.objectNode().put("type", "integer"))
                        .add(NODES.objectNode().put("type", "string")));
            }
        }
        if (schema.path("nullable").asBoolean() && schema.path("type").isTextual()) {
            schema.set("type", NODES.arrayNode().add(schema.path("type").asText()).add("null"));
        }
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            schema.put("additionalProperties", false);
        }
        // OpenAPI / Kubernetes keywords that JSON Schema does not know.
        Iterator<String> names = schema.fieldNames();
        List<String> drop = new ArrayList<>();
        names.forEachRemaining(n -> {
            if (n.startsWith("x-kubernetes-") || n.equals("nullable")) {
                drop.add(n);
            }
        });
        schema.remove(drop);
        if (List.of("int32", "int64", "byte", "quantity").contains(schema.path("format").asText())) {
            schema.remove("format");
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            fail("cannot parse " + file + ": " + e.getMessage());
        }
        return docs;
    }
}

package dev.psi.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The openAPIV3Schema of every served version of the CRDs in {@code ../shared/crds}, made as strict as the API
 * server is (see that folder's README): objects that list properties and do not preserve unknown fields take no
 * others, int-or-string becomes anyOf integer/string, and the root gets apiVersion, kind and metadata.
 */
public final class CrdSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final Map<String, ObjectNode> raw = new HashMap<>();

    private CrdSchemas() {
    }

    /** The schemas in {@code dir}, or empty when the folder does not exist (the caller reports the skip). */
    public static Optional<CrdSchemas> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of(LOADED.computeIfAbsent(dir.toAbsolutePath().normalize(), CrdSchemas::read));
    }

    /** Loading and compiling the schemas takes a second or two; the folder is reference data that does not change. */
    private static final Map<Path, CrdSchemas> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private static CrdSchemas read(Path dir) {
        CrdSchemas result = new CrdSchemas();
        for (Path file : Yaml.files(dir)) {
            for (Manifest crd : Yaml.documents(file)) {
                if (!crd.kind().equals("CustomResourceDefinition")) {
                    continue;
                }
                JsonNode spec = crd.node().path("spec");
                String kind = spec.path("names").path("kind").asText();
                for (JsonNode version : spec.path("versions")) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema");
                    if (version.path("served").asBoolean() && schema.isObject()) {
                        String key = spec.path("group").asText() + "/" + version.path("name").asText() + " " + kind;
                        ObjectNode strict = strict(schema.deepCopy());
                        addRoot(strict);
                        result.raw.put(key, strict);
                        result.schemas.put(key, FACTORY.getSchema(strict));
                    }
                }
            }
        }
        return result;
    }

    public boolean covers(Manifest manifest) {
        return schemas.containsKey(manifest.apiVersion() + " " + manifest.kind());
    }

    /** The schema's complaints about {@code manifest}; call only where {@link #covers} holds. */
    public List<String> problems(Manifest manifest) {
        JsonSchema schema = schemas.get(manifest.apiVersion() + " " + manifest.kind());
        return schema.validate(manifest.node()).stream().map(m -> manifest + ": " + m.getMessage()).sorted().toList();
    }

    /** Whether the CRD of "apiVersion kind" declares the dotted field {@code path} (array steps as {@code [0]}). */
    public boolean declares(String key, String path) {
        JsonNode node = raw.get(key);
        for (String step : path.replaceAll("\\[\\d+]", ".[]").split("\\.")) {
            if (node == null) {
                return false;
            }
            node = step.equals("[]") ? node.get("items") : node.path("properties").get(step);
        }
        return node != null;
    }

    public int size() {
        return schemas.size();
    }

    private static ObjectNode strict(ObjectNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            schema.remove("type");
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (schema.has("properties") && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()
                && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        schema.properties().forEach(entry -> {
            JsonNode child = entry.getValue();
            switch (entry.getKey()) {
                case "properties" -> child.properties().forEach(p -> {
                    if (p.getValue() instanceof ObjectNode o) {
                        strict(o);
                    }
                });
                case "items", "additionalProperties" -> {
                    if (child instanceof ObjectNode o) {
                        strict(o);
                    }
                }
                case "allOf", "anyOf", "oneOf" -> child.forEach(c -> {
                    if (c instanceof ObjectNode o) {
                        strict(o);
                    }
                });
                default -> {
                }
            }
        });
        return schema;
    }

    private static void addRoot(ObjectNode root) {
        ObjectNode properties = root.with("properties");
        properties.putIfAbsent("apiVersion", NODES.objectNode().put("type", "string"));
        properties.putIfAbsent("kind", NODES.objectNode().put("type", "string"));
        properties.putIfAbsent("metadata", NODES.objectNode().put("type", "object"));
        root.putIfAbsent("additionalProperties", NODES.booleanNode(false));
    }
}

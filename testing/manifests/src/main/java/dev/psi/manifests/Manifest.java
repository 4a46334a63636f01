package dev.psi.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One YAML document of a manifest file. */
public record Manifest(Path file, int index, JsonNode node) {

    public String apiVersion() {
        return node.path("apiVersion").asText();
    }

    public String kind() {
        return node.path("kind").asText();
    }

    public String name() {
        return node.path("metadata").path("name").asText();
    }

    public boolean is(String apiVersion, String kind) {
        return apiVersion().equals(apiVersion) && kind().equals(kind);
    }

    /** "services.yaml#2 serving.knative.dev/v1 Service catalog": how failures name a document. */
    @Override
    public String toString() {
        return file.getFileName() + "#" + index + " " + apiVersion() + " " + kind() + " " + name();
    }
}

package dev.psi.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The kustomizations: that they list what exists and all that exists, and their output when kubectl renders them. */
public final class Kustomizations {

    static final Set<String> KNOWN_KEYS = Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images",
            "patches", "secretGenerator", "configMapGenerator", "generatorOptions", "components");

    private Kustomizations() {
    }

    /** The kustomization directories: knative/ and everything under k8s/ (base/, the canary overlay). */
    public static List<Path> directories(Layout layout) {
        List<Path> result = new ArrayList<>();
        for (Path root : List.of(layout.knative(), layout.manifests().resolve("k8s"))) {
            try (var walk = Files.walk(root)) {
                walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted()
                        .forEach(p -> result.add(p.getParent()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /**
     * Problems of the kustomization in {@code dir}: an unknown or deprecated key, a listed file that does not exist,
     * a manifest in the folder that it does not list (so {@code kubectl apply -k} would leave it out).
     */
    public static List<String> problems(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        List<String> failures = new ArrayList<>();
        JsonNode k = Yaml.documents(file).get(0).node();
        k.fieldNames().forEachRemaining(key -> {
            if (!KNOWN_KEYS.contains(key)) {
                failures.add(file + ": unknown or deprecated key '" + key + "'");
            }
        });
        Set<String> listed = new TreeSet<>();
        for (JsonNode resource : k.path("resources")) {
            String entry = resource.asText();
            Path target = dir.resolve(entry).normalize();
            boolean exists = Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml"));
            if (!exists) {
                failures.add(file + ": resource '" + entry + "' does not exist");
            }
            listed.add(entry);
        }
        for (String generator : List.of("secretGenerator", "configMapGenerator")) {
            for (JsonNode g : k.path(generator)) {
                for (String field : List.of("envs", "files")) {
                    for (JsonNode f : g.path(field)) {
                        String path = f.asText().replaceFirst("^[^=]+=", "");
                        if (!Files.isRegularFile(dir.resolve(path))) {
                            failures.add(file + ": " + generator + " " + g.path("name").asText() + " names '" + path
                                    + "', which does not exist");
                        }
                    }
                }
            }
        }
        for (JsonNode patch : k.path("patches")) {
            if (patch.has("path") && !Files.isRegularFile(dir.resolve(patch.path("path").asText()))) {
                failures.add(file + ": patch '" + patch.path("path").asText() + "' does not exist");
            }
        }
        for (Path manifest : Yaml.files(dir)) {
            String name = manifest.getFileName().toString();
            if (!name.equals("kustomization.yaml") && !listed.contains(name)) {
                failures.add(file + ": does not list " + name);
            }
        }
        return failures;
    }

    /** A kubectl with kustomize: PSI_KUBECTL, or the one deploy/kubectl.sh fetched into .local/. */
    public static Optional<Path> kubectl(Layout layout) {
        String configured = System.getenv("PSI_KUBECTL");
        Path candidate = configured != null && !configured.isBlank() ? Path.of(configured)
                : layout.code().resolve(".local/kubectl/kubectl");
        return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** {@code kubectl kustomize dir}: the YAML kubectl would apply. */
    public static String render(Path kubectl, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                .redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}

package dev.psi.manifests;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the validation looks: the manifests (knative/, k8s/) under {@code manifests}, the code they must agree with
 * (functions/, console/, docs/) under {@code code}. The two differ only in tests that validate a broken copy of the
 * manifests against the real code.
 */
public record Layout(Path manifests, Path code) {

    /** The repository the build runs in (found upwards from the working directory). */
    public static Layout repository() {
        Path root = repositoryRoot();
        return new Layout(root, root);
    }

    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("knative")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with knative/ and mvnw) above " + Path.of("").toAbsolutePath());
    }

    public Path knative() {
        return manifests.resolve("knative");
    }

    public Path base() {
        return manifests.resolve("k8s").resolve("base");
    }

    /** The canary overlay of knative/ (kustomize wants an overlay outside the folder it builds on). */
    public Path canary() {
        return manifests.resolve("k8s").resolve("canary");
    }

    public Path apiRoutes() {
        return manifests.resolve("k8s").resolve("api-routes.yaml");
    }

    public Path functions() {
        return code.resolve("functions");
    }

    public Path asyncApi() {
        return code.resolve("docs").resolve("asyncapi.yaml");
    }

    /** The CRDs beside the repository ({@code ../shared/crds}); they are reference data, never copied in. */
    public Path sharedCrds() {
        return code.resolve("..").resolve("shared").resolve("crds").normalize();
    }
}

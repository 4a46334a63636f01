package dev.psi.dispatcher;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests run in (surefire runs them in local/dispatcher). */
final class Repo {

    private Repo() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("knative")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (with knative/ and mvnw) above "
                + Path.of("").toAbsolutePath());
    }

    static Path knative() {
        return root().resolve("knative");
    }

    /** The CRDs shared beside the repository: /work/main/../shared/crds. */
    static Path sharedCrds() {
        return root().resolve("..").resolve("shared").resolve("crds").normalize();
    }
}

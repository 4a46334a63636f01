package dev.psi.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything the build checks about the manifests, over one {@link Layout}: what fails and what was only noted. */
public final class Validation {

    /** The outcome: failures (must be empty) and notes (pending functions, skipped checks). */
    public record Report(List<String> failures, List<String> notes) {
    }

    private Validation() {
    }

    /** {@code Validation [manifests-root [code-root]]}: prints failures and notes; exit status 1 on failures. */
    public static void main(String[] args) {
        Layout repo = Layout.repository();
        Layout layout = new Layout(args.length > 0 ? Path.of(args[0]) : repo.manifests(),
                args.length > 1 ? Path.of(args[1]) : (args.length > 0 ? Path.of(args[0]) : repo.code()));
        Report report = validate(layout);
        report.notes().forEach(n -> System.out.println("NOTE: " + n));
        report.failures().forEach(f -> System.out.println("FAIL: " + f));
        System.out.println(report.failures().isEmpty() ? "manifests valid" : report.failures().size() + " failures");
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    public static Report validate(Layout layout) {
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Deployment deployment;
        try {
            deployment = new Deployment(layout);
        } catch (IllegalArgumentException e) {
            return new Report(List.of(e.getMessage()), List.of());
        }
        for (Manifest m : deployment.all()) {
            failures.addAll(TypedModels.problems(m));
        }
        crds(layout, deployment.all(), failures, notes);
        for (Path dir : Kustomizations.directories(layout)) {
            failures.addAll(Kustomizations.problems(dir));
        }
        CrossChecks checks = new CrossChecks(deployment, new CodeFacts(layout));
        failures.addAll(checks.all());
        notes.addAll(checks.notes());
        return new Report(failures, notes);
    }

    /** The custom resources against ../shared/crds; a resource of a group with CRDs there but no schema fails. */
    static void crds(Layout layout, List<Manifest> manifests, List<String> failures, List<String> notes) {
        Optional<CrdSchemas> schemas = CrdSchemas.load(layout.sharedCrds());
        if (schemas.isEmpty()) {
            notes.add("SKIPPED: CRD schema validation: " + layout.sharedCrds() + " does not exist");
            return;
        }
        List<String> unchecked = new ArrayList<>();
        for (Manifest m : manifests) {
            if (schemas.get().covers(m)) {
                failures.addAll(schemas.get().problems(m));
            } else if (m.apiVersion().contains(".") && !m.apiVersion().startsWith("gateway.networking.k8s.io/")
                    && !m.apiVersion().contains(".k8s.io/")) {
                failures.add(m + ": no CRD in " + layout.sharedCrds() + " for " + m.apiVersion() + " " + m.kind());
            } else if (m.apiVersion().startsWith("gateway.networking.k8s.io/")) {
                unchecked.add(m.toString());
            }
        }
        TypedModels.MODEL_LAGS.forEach((key, paths) -> paths.stream()
                .filter(p -> !schemas.get().declares(key, p))
                .forEach(p -> failures.add("TypedModels.MODEL_LAGS lets " + key + " " + p + " pass, but its CRD lacks it")));
        if (!unchecked.isEmpty()) {
            notes.add("no CRD in ../shared/crds (typed model only): " + unchecked);
        }
    }
}

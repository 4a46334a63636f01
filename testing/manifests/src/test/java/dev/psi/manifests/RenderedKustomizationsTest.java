package dev.psi.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl kustomize} makes of k8s/base, knative/ and k8s/canary, validated like the sources (typed
 * models, CRDs, cross-checks). Runs where a kubectl is at hand: deploy/kubectl.sh fetches one into .local/ (CI does),
 * or PSI_KUBECTL names one; otherwise it is skipped, saying so.
 */
class RenderedKustomizationsTest {

    private static final Layout LAYOUT = Layout.repository();

    @Test
    void renderedOutputValidates() throws Exception {
        Path kubectl = Kustomizations.kubectl(LAYOUT).orElse(null);
        Assumptions.assumeTrue(kubectl != null,
                "SKIPPED: no kubectl (run deploy/kubectl.sh, or set PSI_KUBECTL) to render the kustomizations");
        List<Manifest> base = Yaml.parse(Kustomizations.render(kubectl, LAYOUT.base()), Path.of("rendered-k8s-base.yaml"));
        List<Manifest> knative = Yaml.parse(Kustomizations.render(kubectl, LAYOUT.knative()), Path.of("rendered-knative.yaml"));
        List<Manifest> canary = Yaml.parse(Kustomizations.render(kubectl, LAYOUT.canary()),
                Path.of("rendered-knative-canary.yaml"));

        List<String> failures = new ArrayList<>();
        for (List<Manifest> rendered : List.of(base, knative, canary)) {
            for (Manifest m : rendered) {
                failures.addAll(TypedModels.problems(m));
                if (!m.kind().equals("Namespace") && !m.node().path("metadata").path("namespace").asText().equals("psi-system")) {
                    failures.add(m + ": rendered outside psi-system");
                }
            }
            List<String> notes = new ArrayList<>();
            Validation.crds(LAYOUT, rendered, failures, notes);
        }
        CrossChecks checks = new CrossChecks(new Deployment(LAYOUT, knative, base), new CodeFacts(LAYOUT));
        failures.addAll(checks.sinks());
        failures.addAll(checks.topics());
        failures.addAll(checks.environment());
        failures.addAll(checks.serviceShape());
        failures.addAll(checks.containerSecurity());
        failures.addAll(checks.ingress());
        failures.addAll(checks.monitoring());
        assertEquals(List.of(), failures);

        assertTrue(base.stream().anyMatch(m -> m.kind().equals("Secret") && m.name().equals("psi-secrets")), "psi-secrets generated");
        assertTrue(base.stream().anyMatch(m -> m.kind().equals("ConfigMap") && m.name().equals("psi-grafana-dashboard")), "dashboard generated");
        Manifest catalog = knative.stream().filter(m -> m.kind().equals("Service") && m.name().equals("catalog")).findFirst().orElseThrow();
        assertEquals("psi/catalog:0.1.0-SNAPSHOT",
                catalog.node().at("/spec/template/spec/containers/0/image").asText(), "the images: tag reaches the Knative Service");
        Manifest orderCreate = canary.stream().filter(m -> m.kind().equals("Service") && m.name().equals("order-create")).findFirst().orElseThrow();
        var traffic = orderCreate.node().at("/spec/traffic");
        assertEquals(2, traffic.size(), traffic::toString);
        assertEquals(100, traffic.get(0).path("percent").asInt() + traffic.get(1).path("percent").asInt());
        assertEquals("candidate", traffic.get(1).path("tag").asText());
        assertTrue(orderCreate.node().at("/spec/template/spec/containers/0/image").asText().endsWith(":0.1.1-SNAPSHOT"));
    }
}

package dev.psi.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of the manifests with one deliberate mistake each must fail validation, naming the mistake; the untouched
 * copy must pass (so the failure is the mistake's, not the copy's).
 */
class BrokenManifestsTest {

    private static final Layout REPO = Layout.repository();

    @TempDir
    Path copy;

    @Test
    void anUntouchedCopyPasses() throws IOException {
        assertEquals(List.of(), Validation.validate(copyOfManifests()).failures());
    }

    @Test
    void aMisspeltFieldFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.knative().resolve("services.yaml"), "      enableServiceLinks: false\n", "      enableServiceLink: false\n", 1);
        assertReported(broken, "Service catalog", "unknown field spec.template.spec.enableServiceLink");
        if (CrdSchemas.load(REPO.sharedCrds()).isPresent()) {
            // the CRD's schema says so too, as the API server would
            assertReported(broken, "Service catalog", "enableServiceLink", "not defined in the schema");
        }
    }

    @Test
    void aMisspeltFieldInsideACustomResourceFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.base().resolve("kafka.yaml"), "  partitions: 6\n", "  partition: 6\n", 1);
        assertReported(broken, "KafkaTopic psi-purchase-orders", "unknown field spec.partition");
    }

    @Test
    void aDuplicateKeyFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.base().resolve("config.yaml"), "  REDIS_PORT: \"6379\"\n", "  REDIS_PORT: \"6379\"\n  REDIS_PORT: \"6380\"\n", 1);
        assertReported(broken, "config.yaml", "Duplicate field 'REDIS_PORT'");
    }

    @Test
    void aSinkToAMissingServiceFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.knative().resolve("kafka-sources.yaml"), "      name: order-workflow\n    uri: /events\n",
                "      name: order-workflow-v2\n    uri: /events\n", 1);
        assertReported(broken, "KafkaSource order-workflow-stock", "sink order-workflow-v2 is not a Knative Service");
    }

    @Test
    void aSinkToAPathTheFunctionDoesNotServeFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.knative().resolve("ping-sources.yaml"), "    uri: /outbox/sweep\n", "    uri: /outbox/swept\n", 1);
        assertReported(broken, "PingSource order-create-outbox-sweep", "serves no /outbox/swept");
    }

    @Test
    void aSinkForAnotherFunctionsAudienceFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.knative().resolve("kafka-sources.yaml"), "    uri: /events\n    audience: psi-order-workflow\n",
                "    uri: /events\n    audience: psi-stock-adjust\n", 1);
        assertReported(broken, "KafkaSource order-workflow-stock", "has audience 'psi-stock-adjust', not psi-order-workflow");
    }

    @Test
    void aTopicWithoutAKafkaTopicFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.knative().resolve("kafka-sources.yaml"), "    - psi.stock\n", "    - psi.stock-levels\n", 1);
        assertReported(broken, "topic psi.stock-levels", "has no KafkaTopic");
    }

    @Test
    void anEnvironmentVariableNoFunctionReadsFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.base().resolve("config.yaml"), "  REDIS_PORT: \"6379\"\n", "  REDIS_PORT: \"6379\"\n  REDIS_TIMEOUT_MS: \"500\"\n", 1);
        assertReported(broken, "Service catalog", "sets REDIS_TIMEOUT_MS");
    }

    @Test
    void aNumericAnnotationAndAnOldKeyFail() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.knative().resolve("services.yaml"), "autoscaling.knative.dev/max-scale: \"10\"", "autoscaling.knative.dev/max-scale: 10", 1);
        edit(broken.knative().resolve("services.yaml"), "autoscaling.knative.dev/min-scale: \"0\"", "autoscaling.knative.dev/minScale: \"0\"", 1);
        assertReported(broken, "max-scale", "not a string");
        assertReported(broken, "minScale is not a current");
    }

    @Test
    void anIngressThatDiffersFromTheRoutingTableFails() throws IOException {
        Layout broken = copyOfManifests();
        edit(broken.base().resolve("ingress.yaml"), "{type: PathPrefix, value: /api/inventory}", "{type: PathPrefix, value: /api/inventories}", 1);
        assertReported(broken, "GET /api/inventory: table -> inventory-query, HTTPRoute -> console");
    }

    @Test
    void aFileTheKustomizationDoesNotListFails() throws IOException {
        Layout broken = copyOfManifests();
        Files.writeString(broken.knative().resolve("extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");
        assertReported(broken, "does not list extra.yaml");
    }

    /** The validation of {@code broken} fails, and one of its failures names every fragment. */
    private static void assertReported(Layout broken, String... fragments) {
        List<String> failures = Validation.validate(broken).failures();
        assertTrue(failures.stream().anyMatch(f -> java.util.Arrays.stream(fragments).allMatch(f::contains)),
                () -> "no failure names " + List.of(fragments) + " in " + failures);
    }

    /** knative/ and k8s/ copied under the temporary folder, validated against the real code and CRDs. */
    private Layout copyOfManifests() throws IOException {
        for (String dir : List.of("knative", "k8s")) {
            Path from = REPO.manifests().resolve(dir);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = copy.resolve(dir).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
        return new Layout(copy, REPO.code());
    }

    private static void edit(Path file, String from, String to, int expected) throws IOException {
        String text = Files.readString(file);
        int count = text.split(java.util.regex.Pattern.quote(from), -1).length - 1;
        assertTrue(count >= expected, "'" + from.strip() + "' occurs " + count + " times in " + file);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }
}

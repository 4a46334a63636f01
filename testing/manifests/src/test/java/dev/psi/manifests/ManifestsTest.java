package dev.psi.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** knative/ and k8s/base/ as committed: every check holds. */
class ManifestsTest {

    private static final Layout LAYOUT = Layout.repository();
    private static final Deployment DEPLOYMENT = new Deployment(LAYOUT);
    private static final CodeFacts CODE = new CodeFacts(LAYOUT);

    private static CrossChecks checks() {
        return new CrossChecks(DEPLOYMENT, CODE);
    }

    @Test
    void everyManifestReadsIntoItsTypedModelWithoutUnknownFields() {
        List<String> failures = new ArrayList<>();
        DEPLOYMENT.all().forEach(m -> failures.addAll(TypedModels.problems(m)));
        assertEquals(List.of(), failures);
        Set<String> kinds = new TreeSet<>();
        DEPLOYMENT.all().forEach(m -> kinds.add(m.kind()));
        assertTrue(kinds.containsAll(Set.of("Service", "KafkaSource", "PingSource", "Kafka", "KafkaNodePool",
                "KafkaTopic", "StatefulSet", "Job", "HTTPRoute", "NetworkPolicy", "ServiceMonitor", "ConfigMap")), kinds::toString);
    }

    @Test
    void customResourcesMatchTheirCrds() {
        Assumptions.assumeTrue(CrdSchemas.load(LAYOUT.sharedCrds()).isPresent(),
                "SKIPPED: CRD schema validation: " + LAYOUT.sharedCrds() + " does not exist");
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Validation.crds(LAYOUT, DEPLOYMENT.all(), failures, notes);
        notes.forEach(System.out::println);
        assertEquals(List.of(), failures);
        CrdSchemas schemas = CrdSchemas.load(LAYOUT.sharedCrds()).orElseThrow();
        long checked = DEPLOYMENT.all().stream().filter(schemas::covers).count();
        assertTrue(checked >= 6 + 4 + 3 + 3 + 1 + 1 + 1, "custom resources checked against CRDs: " + checked);
    }

    @Test
    void kustomizationsListExactlyTheFilesThatExist() {
        List<Path> dirs = Kustomizations.directories(LAYOUT);
        assertTrue(dirs.contains(LAYOUT.knative()) && dirs.contains(LAYOUT.base()) && dirs.contains(LAYOUT.canary()), dirs::toString);
        List<String> failures = new ArrayList<>();
        dirs.forEach(d -> failures.addAll(Kustomizations.problems(d)));
        assertEquals(List.of(), failures);
    }

    @Test
    void everyFunctionModuleHasAServiceAndEveryServiceAModule() {
        CrossChecks checks = checks();
        assertEquals(List.of(), checks.functionsHaveServices());
        Set<String> modules = CODE.functionModules();
        assertTrue(modules.containsAll(Set.of("catalog", "order-create", "order-workflow", "stock-adjust", "inventory-query")),
                modules::toString);
        checks.notes().forEach(System.out::println);
    }

    @Test
    void everySinkIsAServiceAtAPathItServes() {
        CrossChecks checks = checks();
        assertEquals(List.of(), checks.sinks());
        assertTrue(CODE.servedPaths("stock-adjust").containsAll(Set.of("/events", "/events/dead-letter", "/outbox/sweep")),
                () -> CODE.servedPaths("stock-adjust").toString());
        assertFalse(CODE.servedPaths("catalog").contains("/events"), "catalog consumes no events");
        assertTrue(CODE.servedPaths("replenish").containsAll(Set.of("/events", "/events/dead-letter")),
                () -> CODE.servedPaths("replenish").toString());
    }

    @Test
    void everyTopicIsAKafkaTopicAndInTheEventCatalogue() {
        assertEquals(List.of(), checks().topics());
        assertEquals(Set.of("psi.purchase-orders", "psi.sales-orders", "psi.stock"), DEPLOYMENT.kafkaTopics());
        assertEquals(DEPLOYMENT.kafkaTopics(), CODE.topicsInCode());
    }

    @Test
    void theEnvironmentGivenIsTheEnvironmentRead() {
        assertEquals(List.of(), checks().environment());
        Set<String> read = CODE.environmentRead("inventory-query");
        assertTrue(read.containsAll(CrossChecks.REQUIRED_ENV) && read.contains("DATABASE_REPLICA_HOST"), read::toString);
        assertTrue(CODE.environmentRead("schema").containsAll(CrossChecks.REQUIRED_MIGRATION_ENV));
        assertFalse(CODE.environmentRead("schema").contains("KAFKA_BOOTSTRAP_SERVERS"), "the migration tool has no Kafka");
        assertTrue(CODE.runtimeModules("catalog").contains(LAYOUT.functions().resolve("kernel")), "catalog runs the kernel");
        Optional<Set<String>> config = DEPLOYMENT.keys("ConfigMap", "psi-config");
        assertTrue(config.isPresent() && config.get().contains("KAFKA_BOOTSTRAP_SERVERS"), config::toString);
        assertEquals(Optional.of(Set.of("DATABASE_PASSWORD", "PSI_JWT_SECRET", "PSI_INTERNAL_TOKEN")),
                DEPLOYMENT.keys("Secret", "psi-secrets"));
        assertTrue(CODE.environmentRead("catalog").containsAll(Set.of("PSI_AUTH_MODE", "PSI_JWT_SECRET", "PSI_INTERNAL_NETWORKS",
                "PSI_INTERNAL_OIDC_JWKS_URL", "PSI_INTERNAL_OIDC_AUDIENCE", "PSI_INTERNAL_OIDC_ISSUER")),
                "the functions read the security settings (functions/security)");
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheCodeEmits() {
        assertEquals(List.of(), checks().dashboardMetrics());
        assertEquals("psi.inventory.query.duration", CrossChecks.meterName("psi_inventory_query_duration_seconds_bucket"));
        assertEquals(Set.of("psi_orders_total"), CrossChecks.metricNames("sum by (kind, outcome) (rate(psi_orders_total[5m]))"));
    }

    @Test
    void annotationsAreStringsWithCurrentKeysAndFunctionsScaleToZero() {
        assertEquals(List.of(), checks().annotations());
    }

    @Test
    void servicesAreClusterLocalWithProbesResourcesAndNoServiceLinks() {
        assertEquals(List.of(), checks().serviceShape());
    }

    @Test
    void containersRunAsNonRootReadOnlyWithoutCapabilities() {
        assertEquals(List.of(), checks().containerSecurity());
    }

    @Test
    void theHttpRouteRoutesAsTheRoutingTableAndNeverToInternalPaths() {
        assertEquals(List.of(), checks().ingress());
        var matches = IngressRoutes.httpRoute(DEPLOYMENT.ofKind("HTTPRoute").get(0).node());
        assertEquals(Optional.of("order-create"), IngressRoutes.routeByGateway(matches, "POST", "/api/sales-orders"));
        assertEquals(Optional.of("order-workflow"), IngressRoutes.routeByGateway(matches, "GET", "/api/sales-orders"));
        assertEquals(Optional.of("order-workflow"), IngressRoutes.routeByGateway(matches, "POST", "/api/sales-orders/SO-1/shipments"));
        assertEquals(Optional.of("stock-adjust"), IngressRoutes.routeByGateway(matches, "POST", "/api/stocktakes"));
        assertEquals(Optional.of("console"), IngressRoutes.routeByGateway(matches, "GET", "/"));
        assertEquals(Optional.empty(), IngressRoutes.routeByGateway(matches, "POST", "/events"));
    }

    @Test
    void theIngressComparisonNoticesADifference() {
        var table = IngressRoutes.table(Yaml.documents(LAYOUT.apiRoutes()).get(0).node());
        var matches = new ArrayList<>(IngressRoutes.httpRoute(DEPLOYMENT.ofKind("HTTPRoute").get(0).node()));
        matches.removeIf(m -> m.backend().equals("order-create") && m.path().equals("/api/sales-orders"));
        assertEquals(List.of("POST /api/sales-orders: table -> order-create, HTTPRoute -> order-workflow"),
                IngressRoutes.disagreements(table, matches));
    }

    @Test
    void everyFunctionIsScrapedOnPrometheus() {
        assertEquals(List.of(), checks().monitoring());
    }

    @Test
    void theWholeValidationPasses() {
        Validation.Report report = Validation.validate(LAYOUT);
        report.notes().forEach(n -> System.out.println("NOTE: " + n));
        assertEquals(List.of(), report.failures());
    }

    @Test
    void thePendingListNamesOnlyFunctionsOfTheDesign() {
        assertEquals(Set.of(), CrossChecks.PENDING.keySet(), "every function of the design is built");
        for (Map.Entry<String, String> e : CrossChecks.PENDING.entrySet()) {
            assertFalse(e.getValue().isBlank(), e.getKey());
        }
    }
}

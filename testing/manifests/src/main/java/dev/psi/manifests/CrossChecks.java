package dev.psi.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks that keep the manifests equal to the code. Each returns its failures; none means it holds. */
public final class CrossChecks {

    /**
     * The one list of functions the manifests may name before their module exists, and why. A name here is
     * reported (never silently passed) by every check that meets it; remove it once the module is built.
     */
    public static final Map<String, String> PENDING = Map.of();

    /** DESIGN.md's configuration: what every function that uses the kernel must be given. */
    public static final Set<String> REQUIRED_ENV = Set.of("DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME",
            "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_HOST", "REDIS_PORT", "KAFKA_BOOTSTRAP_SERVERS");
    /** What the migration Job must be given. */
    public static final Set<String> REQUIRED_MIGRATION_ENV = Set.of("DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME",
            "DATABASE_USER", "DATABASE_PASSWORD");
    /** Read by the JVM itself, not by a function's configuration. */
    public static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    /** The autoscaling annotation keys Knative reads today (the camel-case minScale / maxScale are the old ones). */
    public static final Set<String> AUTOSCALING_KEYS = Set.of("min-scale", "max-scale", "initial-scale",
            "activation-scale", "target", "target-utilization-percentage", "scale-down-delay", "window", "class",
            "metric", "panic-window-percentage", "panic-threshold-percentage", "scale-to-zero-pod-retention-period");

    /** Metrics the dashboard may query that PSI's code does not emit, and where they come from. */
    public static final Map<String, String> PLATFORM_METRICS = Map.of(
            "up", "Prometheus, per scraped target",
            "process_start_time_seconds", "Micrometer's uptime binder (micronaut.metrics.binders.uptime.enabled)");

    /** The queries the issue asks the dashboard for. */
    public static final List<String> REQUIRED_QUERIES = List.of("rate(psi_orders_total[5m])",
            "histogram_quantile(0.95,", "psi_inventory_query_duration_seconds_bucket[5m]", "psi_events_consumed_total",
            "psi_outbox_pending", "process_start_time_seconds", "up{");

    private final Deployment deployment;
    private final CodeFacts code;
    private final List<String> notes = new ArrayList<>();

    public CrossChecks(Deployment deployment, CodeFacts code) {
        this.deployment = deployment;
        this.code = code;
    }

    /** What the checks passed only because of {@link #PENDING}, and stale entries of it. */
    public List<String> notes() {
        return List.copyOf(new LinkedHashSet<>(notes));
    }

    public List<String> all() {
        List<String> failures = new ArrayList<>();
        failures.addAll(functionsHaveServices());
        failures.addAll(sinks());
        failures.addAll(topics());
        failures.addAll(environment());
        failures.addAll(dashboardMetrics());
        failures.addAll(annotations());
        failures.addAll(serviceShape());
        failures.addAll(containerSecurity());
        failures.addAll(ingress());
        failures.addAll(monitoring());
        return failures;
    }

    /** Every function module has a Knative Service and every Service a module (or is pending, and said so). */
    public List<String> functionsHaveServices() {
        List<String> failures = new ArrayList<>();
        Set<String> modules = code.functionModules();
        Set<String> services = deployment.services().keySet();
        for (String module : modules) {
            if (!services.contains(module)) {
                failures.add("function module " + module + " has no Knative Service in knative/");
            }
        }
        for (String service : services) {
            if (!modules.contains(service)) {
                pendingOr(failures, service, "Knative Service " + service + " has no function module");
            }
        }
        PENDING.keySet().stream().filter(modules::contains)
                .forEach(p -> notes.add("PENDING lists " + p + ", whose module exists now: remove it from the list"));
        return failures;
    }

    /** Every KafkaSource / PingSource sink and dead-letter sink is a Knative Service here, at a path it serves, for its audience. */
    public List<String> sinks() {
        List<String> failures = new ArrayList<>();
        Map<String, Manifest> services = deployment.services();
        Set<String> modules = code.functionModules();
        for (Manifest source : deployment.all()) {
            if (!source.kind().equals("KafkaSource") && !source.kind().equals("PingSource")) {
                continue;
            }
            JsonNode spec = source.node().path("spec");
            List<JsonNode> sinks = new ArrayList<>(List.of(spec.path("sink")));
            if (spec.path("delivery").has("deadLetterSink")) {
                sinks.add(spec.path("delivery").path("deadLetterSink"));
            } else if (source.kind().equals("KafkaSource")) {
                failures.add(source + ": no delivery.deadLetterSink (an event that can never succeed would be lost)");
            }
            for (JsonNode sink : sinks) {
                JsonNode ref = sink.path("ref");
                String name = ref.path("name").asText();
                String uri = sink.path("uri").asText("/");
                if (!ref.path("apiVersion").asText().equals(Deployment.KNATIVE_SERVICE) || !ref.path("kind").asText().equals("Service")) {
                    failures.add(source + ": sink " + name + " is not a " + Deployment.KNATIVE_SERVICE + " Service");
                    continue;
                }
                if (!services.containsKey(name)) {
                    pendingOr(failures, name, source + ": sink " + name + " is not a Knative Service in knative/");
                    continue;
                }
                if (!sink.path("audience").asText().equals("psi-" + name)) {
                    // the function accepts the source's OIDC token only for its own audience (SenderIdentity)
                    failures.add(source + ": sink " + name + " has audience '" + sink.path("audience").asText()
                            + "', not psi-" + name + " (the audience " + name + " accepts)");
                }
                if (modules.contains(name) && !code.servedPaths(name).contains(uri)) {
                    failures.add(source + ": sink " + name + uri + ": " + name + " serves no " + uri
                            + " (it serves " + code.servedPaths(name) + ")");
                }
            }
        }
        return failures;
    }

    /**
     * Every topic consumed (KafkaSources), produced (the event catalogue's send operations) or named in the code is a
     * KafkaTopic and a channel of docs/asyncapi.yaml, with the partitions the catalogue states; and the KafkaSources
     * read the Strimzi cluster that k8s/base runs.
     */
    public List<String> topics() {
        List<String> failures = new ArrayList<>();
        Set<String> kafkaTopics = deployment.kafkaTopics();
        JsonNode catalogue = Yaml.documents(deployment.layout().asyncApi()).get(0).node();
        Map<String, JsonNode> channels = new java.util.TreeMap<>();
        catalogue.path("channels").elements().forEachRemaining(c -> channels.put(c.path("address").asText(), c));
        Map<String, String> used = new java.util.TreeMap<>();
        for (Manifest source : deployment.ofKind("KafkaSource")) {
            source.node().path("spec").path("topics").forEach(t -> used.putIfAbsent(t.asText(), "consumed by " + source));
        }
        catalogue.path("operations").elements().forEachRemaining(op -> {
            String ref = op.path("channel").path("$ref").asText();
            String address = catalogue.at(ref.replaceFirst("^#", "")).path("address").asText();
            used.putIfAbsent(address, op.path("x-function").asText() + " " + op.path("action").asText() + "s it (docs/asyncapi.yaml)");
        });
        code.topicsInCode().forEach(t -> used.putIfAbsent(t, "named by the contract's Topics"));
        used.forEach((topic, why) -> {
            if (!kafkaTopics.contains(topic)) {
                failures.add("topic " + topic + " (" + why + ") has no KafkaTopic in k8s/base");
            }
            if (!channels.containsKey(topic)) {
                failures.add("topic " + topic + " (" + why + ") is not a channel of docs/asyncapi.yaml");
            }
        });
        for (Manifest topic : deployment.ofKind("KafkaTopic")) {
            String name = topic.node().path("spec").path("topicName").asText(topic.name());
            JsonNode channel = channels.get(name);
            if (channel == null) {
                failures.add(topic + ": topic " + name + " is not in docs/asyncapi.yaml");
                continue;
            }
            int stated = channel.path("bindings").path("kafka").path("partitions").asInt(-1);
            int partitions = topic.node().path("spec").path("partitions").asInt(-1);
            if (stated != partitions) {
                failures.add(topic + ": " + partitions + " partitions, docs/asyncapi.yaml says " + stated);
            }
            if (topic.node().path("spec").path("replicas").asInt() < 3
                    || topic.node().path("spec").path("config").path("min.insync.replicas").asInt() < 2) {
                failures.add(topic + ": production topics need replicas >= 3 and min.insync.replicas >= 2");
            }
        }
        Set<String> bootstraps = new TreeSet<>();
        for (Manifest kafka : deployment.ofKind("Kafka")) {
            for (JsonNode listener : kafka.node().path("spec").path("kafka").path("listeners")) {
                bootstraps.add(kafka.name() + "-kafka-bootstrap." + namespace() + ".svc:" + listener.path("port").asInt());
            }
        }
        for (Manifest source : deployment.ofKind("KafkaSource")) {
            source.node().path("spec").path("bootstrapServers").forEach(b -> {
                if (!bootstraps.contains(b.asText())) {
                    failures.add(source + ": bootstrap server " + b.asText() + " is none of the Strimzi listeners " + bootstraps);
                }
            });
        }
        return failures;
    }

    /**
     * Every environment variable a Service or the migration Job is given is read by that function's configuration,
     * and every required one is given.
     */
    public List<String> environment() {
        List<String> failures = new ArrayList<>();
        Set<String> modules = code.functionModules();
        for (Manifest service : deployment.services().values()) {
            if (!modules.contains(service.name())) {
                continue;
            }
            JsonNode container = service.node().path("spec").path("template").path("spec").path("containers").path(0);
            boolean kernel = !service.name().equals("console");
            checkEnvironment(service, service.name(), container, kernel ? REQUIRED_ENV : Set.of(), failures);
        }
        for (Manifest job : deployment.ofKind("Job")) {
            JsonNode container = job.node().path("spec").path("template").path("spec").path("containers").path(0);
            checkEnvironment(job, "schema", container, REQUIRED_MIGRATION_ENV, failures);
        }
        return failures;
    }

    private void checkEnvironment(Manifest owner, String function, JsonNode container, Set<String> required,
                                  List<String> failures) {
        Set<String> given = new TreeSet<>();
        container.path("env").forEach(e -> given.add(e.path("name").asText()));
        for (JsonNode from : container.path("envFrom")) {
            String kind = from.has("configMapRef") ? "ConfigMap" : "Secret";
            String name = from.path(kind.equals("ConfigMap") ? "configMapRef" : "secretRef").path("name").asText();
            Optional<Set<String>> keys = deployment.keys(kind, name);
            if (keys.isEmpty()) {
                failures.add(owner + ": envFrom " + kind + " " + name + ", which k8s/base does not define");
            } else {
                given.addAll(keys.get());
            }
        }
        for (JsonNode env : container.path("env")) {
            JsonNode ref = env.path("valueFrom");
            for (String kind : List.of("configMapKeyRef", "secretKeyRef")) {
                if (ref.has(kind)) {
                    String name = ref.path(kind).path("name").asText();
                    String key = ref.path(kind).path("key").asText();
                    Optional<Set<String>> keys = deployment.keys(kind.startsWith("config") ? "ConfigMap" : "Secret", name);
                    if (keys.isEmpty() || !keys.get().contains(key)) {
                        failures.add(owner + ": " + env.path("name").asText() + " refers to " + name + "/" + key + ", which k8s/base does not define");
                    }
                }
            }
        }
        Set<String> read = code.environmentRead(function);
        for (String name : given) {
            if (!read.contains(name) && !JVM_ENV.contains(name)) {
                failures.add(owner + ": sets " + name + ", which " + function + "'s configuration never reads");
            }
        }
        for (String name : required) {
            if (!given.contains(name)) {
                failures.add(owner + ": " + name + " is not set (DESIGN.md's configuration)");
            }
        }
    }

    /** Every metric a dashboard queries is emitted by the code (or is a named platform metric), and the required panels exist. */
    public List<String> dashboardMetrics() {
        List<String> failures = new ArrayList<>();
        List<JsonNode> dashboards = deployment.dashboards();
        if (dashboards.isEmpty()) {
            return List.of("no Grafana dashboard in k8s/base");
        }
        String code = this.code.allMainJava();
        StringBuilder allQueries = new StringBuilder();
        for (JsonNode dashboard : dashboards) {
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    allQueries.append(expr).append('\n');
                    for (String metric : metricNames(expr)) {
                        if (metric.startsWith("psi_")) {
                            String meter = meterName(metric);
                            if (!code.contains("\"" + meter + "\"")) {
                                failures.add("dashboard panel '" + panel.path("title").asText() + "' queries " + metric
                                        + ", but no code names the meter \"" + meter + "\"");
                            } else if (metric.endsWith("_bucket") && !code.contains("publishPercentileHistogram")) {
                                failures.add("dashboard queries " + metric + ", but no meter publishes a histogram");
                            }
                        } else if (!PLATFORM_METRICS.containsKey(metric)) {
                            failures.add("dashboard panel '" + panel.path("title").asText() + "' queries " + metric
                                    + ", which neither PSI's code nor PLATFORM_METRICS names");
                        }
                    }
                }
            }
        }
        for (String query : REQUIRED_QUERIES) {
            if (!allQueries.toString().contains(query)) {
                failures.add("no dashboard query contains " + query);
            }
        }
        if (!this.code.sharedConfiguration().contains("micronaut.metrics.binders.uptime.enabled=true")) {
            failures.add("the dashboard counts cold starts by process_start_time_seconds, but the uptime binder is off");
        }
        return failures;
    }

    private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?=[{\\[])");
    private static final Pattern PSI_NAME = Pattern.compile("\\b(psi_[a-z0-9_]+)\\b");

    static Set<String> metricNames(String expr) {
        Set<String> result = new TreeSet<>();
        String withoutLabels = expr.replaceAll("\\{[^}]*}", "{}").replaceAll("\\b(by|without)\\s*\\([^)]*\\)", "");
        Matcher s = SELECTOR.matcher(withoutLabels);
        while (s.find()) {
            result.add(s.group(1));
        }
        Matcher p = PSI_NAME.matcher(withoutLabels);
        while (p.find()) {
            result.add(p.group(1));
        }
        return result;
    }

    /** psi_inventory_query_duration_seconds_bucket -> psi.inventory.query.duration (Micrometer's name). */
    static String meterName(String metric) {
        return metric.replaceFirst("_(total|bucket|count|sum|max)$", "").replaceFirst("_seconds$", "").replace('_', '.');
    }

    /** Annotation values are strings; Knative autoscaling keys are the current ones; functions scale to zero. */
    public List<String> annotations() {
        List<String> failures = new ArrayList<>();
        for (Manifest m : deployment.all()) {
            walkMetadata(m, m.node(), "", failures);
        }
        for (Manifest service : deployment.services().values()) {
            JsonNode a = service.node().path("spec").path("template").path("metadata").path("annotations");
            if (!a.path("autoscaling.knative.dev/min-scale").asText().equals("0")) {
                failures.add(service + ": autoscaling.knative.dev/min-scale must be \"0\" (scale to zero)");
            }
            for (String key : List.of("max-scale", "target")) {
                if (!a.has("autoscaling.knative.dev/" + key)) {
                    failures.add(service + ": no autoscaling.knative.dev/" + key);
                }
            }
        }
        return failures;
    }

    private static void walkMetadata(Manifest m, JsonNode node, String path, List<String> failures) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().equals("annotations") && path.endsWith("metadata") && e.getValue().isObject()) {
                    e.getValue().properties().forEach(a -> {
                        if (!a.getValue().isTextual()) {
                            failures.add(m + ": annotation " + a.getKey() + " at " + p + " is " + a.getValue().getNodeType()
                                    + ", not a string (quote it)");
                        }
                        if (a.getKey().startsWith("autoscaling.knative.dev/")
                                && !AUTOSCALING_KEYS.contains(a.getKey().substring("autoscaling.knative.dev/".length()))) {
                            failures.add(m + ": annotation " + a.getKey() + " is not a current Knative autoscaling key");
                        }
                    });
                } else {
                    walkMetadata(m, e.getValue(), p, failures);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walkMetadata(m, node.get(i), path + "[" + i + "]", failures);
            }
        }
    }

    /** What every function's Service must have: probes it serves, no service links, resources, cluster-local. */
    public List<String> serviceShape() {
        List<String> failures = new ArrayList<>();
        Set<String> modules = code.functionModules();
        for (Manifest service : deployment.services().values()) {
            JsonNode spec = service.node().path("spec").path("template").path("spec");
            JsonNode container = spec.path("containers").path(0);
            if (!spec.path("enableServiceLinks").isBoolean() || spec.path("enableServiceLinks").asBoolean()) {
                failures.add(service + ": enableServiceLinks must be false (service links slow a cold start)");
            }
            if (!service.node().path("metadata").path("labels").path("networking.knative.dev/visibility").asText().equals("cluster-local")) {
                failures.add(service + ": must be cluster-local (the HTTPRoute is the only way in)");
            }
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText(null);
                if (path == null) {
                    failures.add(service + ": no HTTP " + probe);
                } else if (modules.contains(service.name()) && !code.servedPaths(service.name()).contains(path)) {
                    failures.add(service + ": " + probe + " on " + path + ", which " + service.name() + " does not serve");
                }
            }
            JsonNode resources = container.path("resources");
            if (!resources.path("requests").has("cpu") || !resources.path("requests").has("memory")
                    || !resources.path("limits").has("memory")) {
                failures.add(service + ": needs cpu and memory requests and a memory limit");
            }
            if (!container.path("image").asText().matches("(.*/)?psi/" + Pattern.quote(service.name()) + "([:@].*)?")) {
                failures.add(service + ": image " + container.path("image").asText() + " is not psi/" + service.name());
            }
        }
        return failures;
    }

    /** Every container runs as non-root, on a read-only root file system, without privilege escalation or capabilities. */
    public List<String> containerSecurity() {
        List<String> failures = new ArrayList<>();
        for (Manifest m : deployment.all()) {
            JsonNode pod = switch (m.kind()) {
                case "StatefulSet", "Deployment", "Job" -> m.node().path("spec").path("template").path("spec");
                case "Service" -> m.apiVersion().equals(Deployment.KNATIVE_SERVICE)
                        ? m.node().path("spec").path("template").path("spec") : null;
                default -> null;
            };
            if (pod == null) {
                continue;
            }
            List<JsonNode> containers = new ArrayList<>();
            pod.path("containers").forEach(containers::add);
            pod.path("initContainers").forEach(containers::add);
            for (JsonNode c : containers) {
                JsonNode sc = c.path("securityContext");
                String who = m + " container " + c.path("name").asText();
                boolean nonRoot = sc.path("runAsNonRoot").asBoolean(pod.path("securityContext").path("runAsNonRoot").asBoolean(false));
                if (!nonRoot) {
                    failures.add(who + ": runAsNonRoot is not true");
                }
                if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                    failures.add(who + ": readOnlyRootFilesystem is not true");
                }
                if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                    failures.add(who + ": allowPrivilegeEscalation is not false");
                }
                boolean dropsAll = false;
                for (JsonNode cap : sc.path("capabilities").path("drop")) {
                    dropsAll |= cap.asText().equals("ALL");
                }
                if (!dropsAll) {
                    failures.add(who + ": does not drop ALL capabilities");
                }
            }
        }
        return failures;
    }

    /** The HTTPRoute routes as k8s/api-routes.yaml does, to Services that exist, and never to an internal path. */
    public List<String> ingress() {
        List<String> failures = new ArrayList<>();
        List<Manifest> routes = deployment.ofKind("HTTPRoute");
        if (routes.size() != 1) {
            return List.of("expected one HTTPRoute in k8s/base, found " + routes.size());
        }
        Manifest route = routes.get(0);
        var table = IngressRoutes.table(Yaml.documents(deployment.layout().apiRoutes()).get(0).node());
        var matches = IngressRoutes.httpRoute(route.node());
        IngressRoutes.disagreements(table, matches).forEach(d -> failures.add(route + ": " + d));
        Map<String, Manifest> services = deployment.services();
        Set<String> modules = code.functionModules();
        for (var match : matches) {
            if (!services.containsKey(match.backend())) {
                failures.add(route + ": backend " + match.backend() + " is not a Knative Service in knative/");
            }
            String host = match.backend() + "." + namespace() + ".svc.cluster.local";
            if (!host.equals(match.hostRewrite())) {
                failures.add(route + ": the rule of " + match.backend() + " must rewrite Host to " + host
                        + " (Knative's local gateway routes on it), has " + match.hostRewrite());
            }
            for (String internal : IngressRoutes.INTERNAL) {
                if (match.path().startsWith(internal) || (internal.startsWith(match.path() + "/") && match.path().length() > 1)) {
                    failures.add(route + ": routes " + match.path() + ", an internal path");
                }
            }
        }
        for (String internal : IngressRoutes.INTERNAL) {
            for (String method : IngressRoutes.METHODS) {
                IngressRoutes.routeByGateway(matches, method, internal)
                        .filter(modules::contains)
                        .filter(fn -> code.servedPaths(fn).contains(internal))
                        .ifPresent(fn -> failures.add(route + ": " + method + " " + internal + " reaches " + fn
                                + ", which serves it"));
            }
        }
        return failures;
    }

    /** Each function's /prometheus is scraped: a metrics Service selecting its pods and a ServiceMonitor on /prometheus. */
    public List<String> monitoring() {
        List<String> failures = new ArrayList<>();
        List<Manifest> monitors = deployment.ofKind("ServiceMonitor");
        if (monitors.isEmpty()) {
            return List.of("no ServiceMonitor in k8s/base");
        }
        for (Manifest monitor : monitors) {
            for (JsonNode endpoint : monitor.node().path("spec").path("endpoints")) {
                if (!endpoint.path("path").asText().equals("/prometheus")) {
                    failures.add(monitor + ": endpoint path " + endpoint.path("path").asText() + " is not /prometheus");
                }
            }
        }
        for (String function : code.functionModules()) {
            if (function.equals("console")) {
                continue;
            }
            boolean scraped = deployment.all().stream()
                    .filter(m -> m.is("v1", "Service"))
                    .anyMatch(m -> m.node().path("spec").path("selector").path("serving.knative.dev/service").asText().equals(function)
                            && monitors.stream().anyMatch(sm -> selects(sm, m)));
            if (!scraped) {
                failures.add("function " + function + ": no Service selecting its pods that a ServiceMonitor scrapes");
            }
        }
        return failures;
    }

    private static boolean selects(Manifest monitor, Manifest service) {
        JsonNode wanted = monitor.node().path("spec").path("selector").path("matchLabels");
        JsonNode labels = service.node().path("metadata").path("labels");
        var ok = new boolean[] {true};
        wanted.properties().forEach(e -> ok[0] &= labels.path(e.getKey()).asText().equals(e.getValue().asText()));
        return ok[0];
    }

    private String namespace() {
        for (Manifest m : deployment.ofKind("Namespace")) {
            return m.name();
        }
        return "psi-system";
    }

    private void pendingOr(List<String> failures, String name, String failure) {
        if (PENDING.containsKey(name)) {
            notes.add(failure + ": allowed, pending (" + PENDING.get(name) + ")");
        } else {
            failures.add(failure);
        }
    }
}

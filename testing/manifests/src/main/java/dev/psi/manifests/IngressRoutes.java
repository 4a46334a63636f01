package dev.psi.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The two readings of the public routing: k8s/api-routes.yaml (first matching route wins; a route matches when the
 * path equals its path or starts with it plus "/", and the method is one of its methods, if it names any) and the
 * cluster's Gateway API HTTPRoute (its precedence: an exact path before a prefix, a longer prefix before a shorter,
 * a match with a method before one without). {@link #disagreements} asks both about the same requests.
 */
public final class IngressRoutes {

    /** One line of the routing table. */
    record TableRoute(String path, Set<String> methods, boolean exact, String function) {

        boolean matches(String method, String requestPath) {
            boolean pathMatches = exact ? requestPath.equals(path)
                    : requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
            return pathMatches && (methods.isEmpty() || methods.contains(method));
        }
    }

    /** One match of an HTTPRoute rule, with the backend of its rule and that rule's Host rewrite. */
    record RouteMatch(String type, String path, String method, String backend, String hostRewrite, int order) {

        boolean matches(String requestMethod, String requestPath) {
            boolean pathMatches = switch (type) {
                case "Exact" -> requestPath.equals(path);
                case "PathPrefix" -> path.equals("/") || requestPath.equals(path) || requestPath.startsWith(path + "/");
                default -> false;
            };
            return pathMatches && (method == null || method.equals(requestMethod));
        }
    }

    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** Internal paths: never reachable through the ingress on a function that serves them. */
    static final List<String> INTERNAL = List.of("/events", "/events/dead-letter", "/events/dead-letters", "/outbox/sweep");

    private IngressRoutes() {
    }

    static List<TableRoute> table(JsonNode routesDocument) {
        List<TableRoute> result = new ArrayList<>();
        for (JsonNode route : routesDocument.path("routes")) {
            Set<String> methods = new LinkedHashSet<>();
            route.path("methods").forEach(m -> methods.add(m.asText()));
            result.add(new TableRoute(route.path("path").asText(), methods, route.path("exact").asBoolean(false),
                    route.path("function").asText()));
        }
        return result;
    }

    static List<RouteMatch> httpRoute(JsonNode route) {
        List<RouteMatch> result = new ArrayList<>();
        int order = 0;
        for (JsonNode rule : route.path("spec").path("rules")) {
            String backend = rule.path("backendRefs").path(0).path("name").asText(null);
            String rewrite = null;
            for (JsonNode filter : rule.path("filters")) {
                if (filter.path("type").asText().equals("URLRewrite")) {
                    rewrite = filter.path("urlRewrite").path("hostname").asText(null);
                }
            }
            JsonNode matches = rule.path("matches");
            if (matches.isEmpty()) {
                result.add(new RouteMatch("PathPrefix", "/", null, backend, rewrite, order++));
            }
            for (JsonNode match : matches) {
                JsonNode path = match.path("path");
                result.add(new RouteMatch(path.path("type").asText("PathPrefix"), path.path("value").asText("/"),
                        match.path("method").asText(null), backend, rewrite, order++));
            }
        }
        return result;
    }

    static Optional<String> routeByTable(List<TableRoute> table, String method, String path) {
        return table.stream().filter(r -> r.matches(method, path)).map(TableRoute::function).findFirst();
    }

    static Optional<String> routeByGateway(List<RouteMatch> matches, String method, String path) {
        return matches.stream().filter(m -> m.matches(method, path))
                .min(Comparator.<RouteMatch>comparingInt(m -> m.type().equals("Exact") ? 0 : 1)
                        .thenComparing(Comparator.<RouteMatch>comparingInt(m -> m.path().length()).reversed())
                        .thenComparingInt(m -> m.method() == null ? 1 : 0)
                        .thenComparingInt(RouteMatch::order))
                .map(RouteMatch::backend);
    }

    /** The requests worth asking about: every table path, below it, beside it, and the internal paths. */
    static Set<String> samplePaths(List<TableRoute> table) {
        Set<String> paths = new LinkedHashSet<>(List.of("/", "/index.html", "/assets/app.js", "/api", "/api/unknown"));
        for (TableRoute route : table) {
            paths.add(route.path());
            paths.add(route.path() + "/X-1");
            paths.add(route.path() + "/X-1/shipments");
            paths.add(route.path() + "x");
        }
        paths.addAll(INTERNAL);
        return paths;
    }

    /** Every request the table and the HTTPRoute route differently, as readable lines (empty when they agree). */
    static List<String> disagreements(List<TableRoute> table, List<RouteMatch> gateway) {
        List<String> result = new ArrayList<>();
        for (String path : samplePaths(table)) {
            for (String method : METHODS) {
                Optional<String> byTable = routeByTable(table, method, path);
                Optional<String> byGateway = routeByGateway(gateway, method, path);
                if (!byTable.equals(byGateway)) {
                    result.add(method + " " + path + ": table -> " + byTable.orElse("(none)") + ", HTTPRoute -> "
                            + byGateway.orElse("(none)"));
                }
            }
        }
        return result;
    }
}

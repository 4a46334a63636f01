package dev.psi.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The public routing table, {@code k8s/api-routes.yaml}, as the front door applies it: a route matches when the
 * path equals its {@code path} or (unless {@code exact}) starts with {@code path + "/"}, and, where {@code methods}
 * is given, the method is one of them; the first match wins. Internal paths ({@code /events}, {@code /outbox},
 * dead letters) never match, whatever the table says.
 */
public final class Routes {

    /** One line of the table. */
    public record Route(String path, Set<String> methods, boolean exact, String function) {

        boolean matches(String method, String requestPath) {
            boolean pathMatches = requestPath.equals(path)
                    || (!exact && requestPath.startsWith(path.endsWith("/") ? path : path + "/"));
            return pathMatches && (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT)));
        }
    }

    private final List<Route> routes;

    private Routes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Routes load(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    static Routes parse(String yaml, String origin) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> map) || !(map.get("routes") instanceof List<?> list)) {
            throw new IllegalArgumentException(origin + ": expected a top-level 'routes' list");
        }
        List<Route> routes = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> route) || !(route.get("path") instanceof String path)
                    || !path.startsWith("/") || !(route.get("function") instanceof String function)) {
                throw new IllegalArgumentException(origin + ": every route needs a path starting with / and a function: "
                        + item);
            }
            Set<String> methods = route.get("methods") instanceof List<?> m
                    ? Set.copyOf(m.stream().map(v -> String.valueOf(v).toUpperCase(Locale.ROOT)).toList()) : Set.of();
            routes.add(new Route(path, methods, Boolean.TRUE.equals(route.get("exact")), function));
        }
        return new Routes(routes);
    }

    /** True for the paths only event sources and the platform may call; the front door never forwards them. */
    public static boolean isInternal(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.equals("/events") || p.startsWith("/events/") || p.equals("/outbox") || p.startsWith("/outbox/")
                || List.of(p.split("/")).stream().anyMatch(segment -> segment.startsWith("dead-letter"));
    }

    /** The first route for this request whose function {@code available} accepts. */
    public Optional<Route> match(String method, String path, Predicate<String> available) {
        if (isInternal(path)) {
            return Optional.empty();
        }
        return routes.stream().filter(r -> available.test(r.function()) && r.matches(method, path)).findFirst();
    }

    public List<Route> all() {
        return routes;
    }
}

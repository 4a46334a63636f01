package dev.psi.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.psi.contract.problem.ProblemType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one public port, routing as the cluster's ingress does from the same table ({@link Routes}): a route's
 * function gets the request through its {@link Activator} (held while it starts), with an {@code X-Request-Id}
 * added when the caller sent none; {@code traceparent} and every other header pass on unchanged. Internal paths and
 * paths without a route answer 404, a function that cannot be reached 503, both as problem+json.
 * {@code GET /local/status} (outside {@code /api}) shows the processes, cold starts and restarts, and
 * {@code /local/dev-token} hands out development tokens ({@link DevTokens}; this runner only, never a function).
 */
final class FrontDoor implements AutoCloseable {

    static final String REQUEST_ID = "X-Request-Id";
    static final String STATUS_PATH = "/local/status";

    private final HttpServer server;
    private final Routes routes;
    private final Map<String, Activator> functions;
    private final Supplier<Object> status;
    private final DevTokens devTokens;

    private FrontDoor(HttpServer server, Routes routes, Map<String, Activator> functions, Supplier<Object> status,
                      DevTokens devTokens) {
        this.server = server;
        this.routes = routes;
        this.functions = functions;
        this.status = status;
        this.devTokens = devTokens;
    }

    static FrontDoor start(int port, Routes routes, Map<String, Activator> functions, Supplier<Object> status,
                           DevTokens devTokens) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        FrontDoor door = new FrontDoor(server, routes, functions, status, devTokens);
        server.createContext("/", door::handle);
        server.setExecutor(Activator.pool("front-door"));
        server.start();
        return door;
    }

    URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().normalize().getPath();
            if (path == null || path.isEmpty()) {
                path = "/";
            }
            String method = exchange.getRequestMethod();
            if (path.equals(STATUS_PATH) && (method.equals("GET") || method.equals("HEAD"))) {
                Proxy.Json.send(exchange, 200, "application/json", status.get());
                return;
            }
            if (path.equals(DevTokens.PATH)) {
                devTokens.handle(exchange);
                return;
            }
            Optional<Routes.Route> route = routes.match(method, path, functions::containsKey);
            if (route.isEmpty()) {
                Proxy.Problems.send(exchange, ProblemType.NOT_FOUND, Routes.isInternal(path)
                        ? path + " is internal: the front door does not route it"
                        : "no route for " + method + " " + path + " (see k8s/api-routes.yaml)");
                return;
            }
            String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst(REQUEST_ID))
                    .filter(id -> !id.isBlank()).orElseGet(() -> UUID.randomUUID().toString());
            exchange.getResponseHeaders().set(REQUEST_ID, requestId);
            Map<String, String> extra = exchange.getRequestHeaders().containsKey(REQUEST_ID)
                    ? Map.of() : Map.of(REQUEST_ID, requestId);
            functions.get(route.get().function()).forward(exchange, extra);
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.psi.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.yaml.snakeyaml.Yaml;

/**
 * A test-only stand-in for the local front door: one port that routes by {@code k8s/api-routes.yaml}
 * (first match wins; a route matches its path exactly or as a prefix followed by "/"; {@code /} takes
 * everything its methods allow) and forwards the request as it is. To be replaced by the local runner's
 * front door once that has landed.
 */
final class TestFrontDoor implements AutoCloseable {

    record Route(String path, Set<String> methods, boolean exact, String function) {

        boolean matches(String method, String requestPath) {
            if (!methods.isEmpty() && !methods.contains(method)) {
                return false;
            }
            if (requestPath.equals(path) || path.equals("/")) {
                return true;
            }
            return !exact && requestPath.startsWith(path + "/");
        }
    }

    /**
     * A bearer token this front door refuses with 401, standing in for the JWT check the functions
     * will make, so that a test can see how the console handles an expired sign-in.
     */
    static final String REJECTED_TOKEN = "expired.token.for-tests";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "date");

    private final HttpServer server;
    private final List<Route> routes;
    private final Function<String, Optional<URI>> functions;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestFrontDoor(HttpServer server, List<Route> routes, Function<String, Optional<URI>> functions) {
        this.server = server;
        this.routes = routes;
        this.functions = functions;
    }

    @SuppressWarnings("unchecked")
    static List<Route> routes(Path table) throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(table));
        return ((List<Map<String, Object>>) yaml.get("routes")).stream().map(r -> new Route((String) r.get("path"),
                Set.copyOf((List<String>) r.getOrDefault("methods", List.of())), Boolean.TRUE.equals(r.get("exact")),
                (String) r.get("function"))).toList();
    }

    static TestFrontDoor start(List<Route> routes, Function<String, Optional<URI>> functions) throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        var door = new TestFrontDoor(server, routes, functions);
        server.createContext("/", door::forward);
        server.setExecutor(Executors.newFixedThreadPool(8, task -> {
            var thread = new Thread(task, "front-door");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return door;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI requested = exchange.getRequestURI();
            var target = routes.stream().filter(r -> r.matches(method, requested.getPath())).findFirst()
                    .flatMap(r -> functions.apply(r.function()));
            if (("Bearer " + REJECTED_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = ("{\"type\":\"urn:psi:problem:unauthenticated\",\"title\":\"Authentication is required\",\"status\":401,"
                        + "\"detail\":\"the token has expired\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            if (target.isEmpty()) {
                byte[] body = ("{\"type\":\"urn:psi:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no route for "
                        + method + " " + requested.getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            var request = HttpRequest.newBuilder(target.get().resolve(requested.getRawPath()
                            + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), noBody || body.length == 0 ? -1 : body.length);
            if (!noBody && body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

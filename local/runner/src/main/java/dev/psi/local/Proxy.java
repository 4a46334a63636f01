package dev.psi.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.psi.contract.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Forwards one request, streaming both bodies, to a function: every header but the hop-by-hop ones goes on
 * (Authorization, traceparent, X-Tenant-Id, Idempotency-Key, If-Match ...), so that the function sees what the
 * caller sent. The activator (a function's stable address) and the front door both forward through here.
 */
final class Proxy {

    static {
        // The JDK server otherwise waits on Nagle's algorithm for small answers: ~40 ms per keep-alive request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Not forwarded: hop-by-hop headers, and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect", "date",
            "proxy-authorization", "http2-settings");
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Sends the exchange's request to {@code base} + its path and query, with {@code extraHeaders} added, and
     * copies the answer back. Connection failures come back as 503 problems naming {@code function}.
     */
    void forward(HttpExchange exchange, String function, URI base, Map<String, String> extraHeaders) throws IOException {
        URI requested = exchange.getRequestURI();
        String target = base.toString().replaceAll("/+$", "") + requested.getRawPath()
                + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        var builder = HttpRequest.newBuilder(URI.create(target)).timeout(REQUEST_TIMEOUT)
                .method(exchange.getRequestMethod(), body(exchange));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        extraHeaders.forEach(builder::header);
        HttpResponse<InputStream> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            Problems.send(exchange, ProblemType.UNAVAILABLE, function + " did not answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Problems.send(exchange, ProblemType.UNAVAILABLE, "interrupted");
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        try (InputStream in = response.body()) {
            boolean noBody = "HEAD".equalsIgnoreCase(exchange.getRequestMethod()) || status == 204 || status == 304
                    || length == 0;
            if (noBody) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            // 0 means chunked for the JDK server: the body streams through as it comes.
            exchange.sendResponseHeaders(status, Math.max(length, 0));
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } finally {
            exchange.close();
        }
    }

    private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        long length = Optional.ofNullable(headers.getFirst("Content-Length")).map(Long::parseLong).orElse(-1L);
        boolean chunked = Optional.ofNullable(headers.getFirst("Transfer-Encoding"))
                .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        var stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /** application/problem+json answers of the launcher itself, in the functions' format. */
    static final class Problems {

        private Problems() {
        }

        static void send(HttpExchange exchange, ProblemType type, String detail) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", type.uri());
            problem.put("title", type.title());
            problem.put("status", type.status());
            problem.put("detail", detail);
            problem.put("instance", exchange.getRequestURI().getRawPath());
            if (type == ProblemType.UNAVAILABLE) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            Json.send(exchange, type.status(), "application/problem+json", problem);
        }
    }

    /** JSON answers of the launcher (problems, the status page). */
    static final class Json {

        private static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }

        static void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
            byte[] bytes = MAPPER.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        }
    }
}

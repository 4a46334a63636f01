package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarding both the front door and the activators use, between two real JDK HTTP servers. */
class ProxyTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer upstream;
    private HttpServer front;
    private URI upstreamUri;

    @BeforeEach
    void servers() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            String echo = "method=" + exchange.getRequestMethod() + " uri=" + exchange.getRequestURI()
                    + " authorization=" + headers.getFirst("Authorization") + " traceparent=" + headers.getFirst("traceparent")
                    + " request-id=" + headers.getFirst("X-Request-Id") + " bytes=" + body.length;
            if (exchange.getRequestURI().getPath().equals("/nothing")) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            byte[] answer = echo.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("ETag", "\"7\"");
            exchange.sendResponseHeaders(201, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.start();
        upstreamUri = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    private URI front(URI target) throws IOException {
        var proxy = new Proxy();
        front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        front.createContext("/", exchange -> proxy.forward(exchange, "upstream", target, Map.of("X-Request-Id", "r-1")));
        front.setExecutor(Executors.newCachedThreadPool());
        front.start();
        return URI.create("http://127.0.0.1:" + front.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
        if (front != null) {
            front.stop(0);
        }
    }

    @Test
    void shouldPassHeadersPathQueryAndAStreamedBodyOnAndTheAnswerBack() throws Exception {
        URI door = front(upstreamUri);
        byte[] big = new byte[3 * 1024 * 1024];
        var response = client.send(HttpRequest.newBuilder(door.resolve("/api/products?page=2&q=a%20b"))
                .header("Authorization", "Bearer t0k3n")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                // a publisher without a known length: sent chunked, forwarded as it streams
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode());
        assertEquals("\"7\"", response.headers().firstValue("ETag").orElse(null));
        assertEquals("method=POST uri=/api/products?page=2&q=a%20b authorization=Bearer t0k3n"
                + " traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 request-id=r-1 bytes=" + big.length,
                response.body());
    }

    @Test
    void shouldAnswerWithoutABodyWhereTheFunctionDid() throws Exception {
        URI door = front(upstreamUri);
        var response = client.send(HttpRequest.newBuilder(door.resolve("/nothing")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void shouldAnswer503ProblemWhenTheFunctionCannotBeReached() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        URI door = front(URI.create("http://127.0.0.1:" + closed));
        var response = client.send(HttpRequest.newBuilder(door.resolve("/api/products")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(503, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(response.body().contains("\"type\":\"urn:psi:problem:unavailable\""), response.body());
        assertTrue(response.body().contains("upstream did not answer"), response.body());
    }
}

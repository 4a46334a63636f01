package dev.psi.dispatcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/** A real HTTP server on a free port standing in for a function: records every request, answers as told. */
final class TestSink implements AutoCloseable {

    /** One received request; header names are lower-case. */
    record Request(String path, Map<String, String> headers, byte[] body, long receivedNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String id() {
            return header("ce-id");
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Reply(int status, String body, Map<String, String> headers) {
        static Reply status(int status) {
            return new Reply(status, "", Map.of());
        }
    }

    @FunctionalInterface
    interface Responder {
        Reply respond(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private volatile Responder responder = request -> Reply.status(202);
    private final Map<String, Long> replyNanos = new java.util.concurrent.ConcurrentHashMap<>();

    TestSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}: what the dispatcher's serviceUrl function returns for this "Service". */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void respondWith(Responder responder) {
        this.responder = responder;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<String> ids(String path) {
        return requests(path).stream().map(Request::id).toList();
    }

    /** Every request as it arrives (for latency measurements). */
    BlockingQueue<Request> arrivals() {
        return arrivals;
    }

    /** When the sink last began to send its reply to the event {@code ceId} (after its responder returned). */
    Optional<Long> replyNanos(String ceId) {
        return Optional.ofNullable(replyNanos.get(ceId));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long received = System.nanoTime();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Request request = new Request(exchange.getRequestURI().getPath(), headers,
                    exchange.getRequestBody().readAllBytes(), received);
            requests.add(request);
            arrivals.add(request);
            Reply reply;
            try {
                reply = responder.respond(request);
            } catch (Exception e) {
                reply = new Reply(500, e.toString(), Map.of());
            }
            if (request.id() != null) { // before the reply leaves: the client cannot have it earlier
                replyNanos.put(request.id(), System.nanoTime());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package dev.psi.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the console's static files on {@code PORT} (default 8080) with the JDK's own HTTP server:
 * no framework, so a cold start (scale-to-zero) takes a fraction of a second. It never proxies
 * {@code /api}: the page calls {@code /api/...} on its own origin, and the front door or the
 * cluster ingress routes those calls to the functions (k8s/api-routes.yaml).
 *
 * <ul>
 *   <li>{@code /assets/<version>/<file>}: fingerprinted, cached for a year as immutable;</li>
 *   <li>{@code /health}, {@code /health/liveness}, {@code /health/readiness}: {@code {"status":"UP"}};</li>
 *   <li>any other GET or HEAD without a file extension: index.html ({@code no-cache}), so that the
 *       client-side routes ({@code /products}, {@code /sales-orders}, ...) survive a reload.</li>
 * </ul>
 */
public final class ConsoleServer implements AutoCloseable {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";
    /** The page loads only its own files and talks only to its own origin. */
    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Assets assets;

    private ConsoleServer(HttpServer server, ExecutorService executor, Assets assets) {
        this.server = server;
        this.executor = executor;
        this.assets = assets;
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        var console = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(console::close, "stop-console"));
        System.out.printf("console %s listening on :%d (started in %d ms)%n", console.assets.version(), console.port(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts on {@code port} (0: any free port). */
    public static ConsoleServer start(int port) throws IOException {
        var assets = Assets.load();
        var server = HttpServer.create(new InetSocketAddress(port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
            var thread = new Thread(task, "console-http");
            thread.setDaemon(true);
            return thread;
        });
        var console = new ConsoleServer(server, executor, assets);
        server.createContext("/", console::handle);
        server.setExecutor(executor);
        server.start();
        return console;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The fingerprint of the current asset set (the {@code <version>} in {@code /assets/<version>/...}). */
    public String assetVersion() {
        return assets.version();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            var headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", NO_CACHE, "GET or HEAD only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/health") || path.equals("/health/liveness") || path.equals("/health/readiness")) {
                send(exchange, 200, "application/json", NO_CACHE, UP);
            } else if (path.startsWith("/assets/")) {
                serveAsset(exchange, path.substring("/assets/".length()));
            } else if (path.startsWith("/api/") || path.equals("/api") || hasExtension(path)) {
                // /api reaching the console means the routing in front of it is wrong: say so, never proxy.
                send(exchange, 404, "text/plain; charset=utf-8", NO_CACHE,
                        ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                serveIndex(exchange);
            }
        }
    }

    private void serveIndex(HttpExchange exchange) throws IOException {
        String etag = "\"" + assets.version() + "\"";
        var headers = exchange.getResponseHeaders();
        headers.set("ETag", etag);
        headers.set("Content-Security-Policy", CSP);
        headers.set("Referrer-Policy", "same-origin");
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            headers.set("Cache-Control", NO_CACHE);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        sendAsset(exchange, assets.index(), NO_CACHE);
    }

    private void serveAsset(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        var asset = slash < 0 ? java.util.Optional.<Assets.Asset>empty()
                : assets.fingerprinted(rest.substring(0, slash), rest.substring(slash + 1));
        if (asset.isEmpty()) {
            send(exchange, 404, "text/plain; charset=utf-8", NO_CACHE, "no such asset\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        sendAsset(exchange, asset.get(), IMMUTABLE);
    }

    private void sendAsset(HttpExchange exchange, Assets.Asset asset, String cacheControl) throws IOException {
        byte[] body = asset.body();
        if (asset.compressible()) {
            exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
            String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            if (accepted != null && accepted.contains("gzip") && body.length > 1024) {
                body = assets.gzip(asset);
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
        }
        send(exchange, 200, asset.contentType(), cacheControl, body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String cacheControl, byte[] body)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", cacheControl);
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static boolean hasExtension(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

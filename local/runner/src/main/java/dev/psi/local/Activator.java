package dev.psi.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.psi.contract.problem.ProblemType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Knative's activator does for a Service: its address stays the same while the process behind it starts,
 * restarts or is scaled to zero, and a request that arrives meanwhile is held until the function is ready (or
 * answered 503 after {@link #HOLD}). One per function, on the function's stable port; the dispatcher delivers
 * events here, so an event for a scaled-down consumer wakes it. The front door forwards through {@link #forward}.
 */
final class Activator implements AutoCloseable {

    /** The longest a request waits for a starting function: a cold start plus a restart back-off. */
    static final Duration HOLD = Duration.ofSeconds(90);

    private final ManagedFunction function;
    private final Proxy proxy;
    private final HttpServer server;

    private Activator(ManagedFunction function, Proxy proxy, HttpServer server) {
        this.function = function;
        this.proxy = proxy;
        this.server = server;
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) for {@code function}. */
    static Activator start(ManagedFunction function, Proxy proxy, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        Activator activator = new Activator(function, proxy, server);
        server.createContext("/", exchange -> activator.forward(exchange, Map.of()));
        server.setExecutor(pool(function.name()));
        server.start();
        return activator;
    }

    /** The function's stable URL, e.g. {@code http://127.0.0.1:8081}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    ManagedFunction function() {
        return function;
    }

    /** Holds the request until the function is ready, then forwards it (see {@link Proxy#forward}). */
    void forward(HttpExchange exchange, Map<String, String> extraHeaders) throws IOException {
        Optional<URI> target;
        try {
            target = function.acquire(HOLD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            target = Optional.empty();
        }
        if (target.isEmpty()) {
            Proxy.Problems.send(exchange, ProblemType.UNAVAILABLE,
                    function.name() + " is not available (" + function.status().state().name().toLowerCase() + ")");
            return;
        }
        try {
            proxy.forward(exchange, function.name(), target.get(), extraHeaders);
        } finally {
            function.release();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Daemon threads, grown on demand: a request held during a cold start occupies its thread. */
    static ExecutorService pool(String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, name + "-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(factory);
    }
}

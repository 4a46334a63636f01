package dev.psi.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function as the kubelet and Knative keep it: a process of its own from its runnable jar, configured only
 * through the environment, ready when {@code /health/readiness} answers 200, restarted when it dies (with a
 * back-off, as a CrashLoopBackOff), and, when scaling to zero, started by the first request that needs it and
 * stopped after it has been idle. Requests {@link #acquire acquire} it and wait while it starts or restarts.
 */
public final class ManagedFunction {

    public enum State { STOPPED, STARTING, READY, RESTARTING, FAILED, SHUT_DOWN }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> env;
    private final LogSink logs;
    private final Path childClasses;
    private final List<String> jvmOptions;
    private final Optional<String> preStop;
    private final Optional<AotCaches> aot;

    private State state = State.STOPPED;
    private Process process;
    private URI uri;
    private long startedAt;
    private int generation;
    private int inFlight;
    private long lastUsed = System.nanoTime();
    private int starts;
    private int coldStarts;
    private int restarts;
    private int consecutiveCrashes;
    private long lastStartMillis = -1;
    private boolean coldStartPending;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param childClasses a jar holding only {@code dev.psi.local.child.ExitWithParent}, the children's entry
     *                     point (see there); a jar, not a directory, so that an AOT cache can cover the class path
     * @param preStop a path POSTed before an idle stop (a Kubernetes preStop hook): {@code /outbox/sweep} for a
     *                producer, so that no event committed just before the stop waits in the outbox for its next wake
     * @param aot     the AOT caches (JDK 25+), or empty
     */
    ManagedFunction(String name, Path jar, Map<String, String> env, LogSink logs, Path childClasses,
                    List<String> jvmOptions, Optional<String> preStop, Optional<AotCaches> aot) {
        this.name = name;
        this.jar = jar;
        this.env = Map.copyOf(env);
        this.logs = logs;
        this.childClasses = childClasses;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.preStop = preStop;
        this.aot = aot;
    }

    public String name() {
        return name;
    }

    /** Starts the process now (at launch, without scale-to-zero); see {@link #awaitReady}. */
    public synchronized void start() throws IOException {
        if (state == State.STOPPED || state == State.FAILED) {
            spawn();
        }
    }

    /** Waits until the function answers its readiness probe; false if it did not in time or cannot start. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (state != State.READY) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || state == State.SHUT_DOWN || state == State.FAILED) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /**
     * The URL of the running function for one request, starting it if it is scaled to zero (a cold start) and
     * waiting while it starts or restarts; empty if it is not ready within {@code timeout}. Every present answer
     * must be followed by {@link #release()}.
     */
    public Optional<URI> acquire(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiting.incrementAndGet();
        try {
            synchronized (this) {
                if (state == State.STOPPED) {
                    coldStartPending = true;
                    try {
                        spawn();
                    } catch (IOException e) {
                        logs.info(name, "psi-local: cannot start: " + e.getMessage());
                        return Optional.empty();
                    }
                }
                while (state != State.READY) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || state == State.SHUT_DOWN || state == State.FAILED) {
                        return Optional.empty();
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                inFlight++;
                lastUsed = System.nanoTime();
                return Optional.of(uri);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    public synchronized void release() {
        inFlight--;
        lastUsed = System.nanoTime();
    }

    /** The URL while the function is ready, without starting or waiting for it. */
    public synchronized Optional<URI> ifReady() {
        return state == State.READY ? Optional.of(uri) : Optional.empty();
    }

    /**
     * Stops the process if it is ready, has nothing in flight and has not been used for {@code idle}, after its
     * pre-stop hook (which counts as in flight, so that nothing stops it meanwhile).
     */
    public boolean stopIfIdle(Duration idle) {
        URI target;
        synchronized (this) {
            if (!idle(idle)) {
                return false;
            }
            target = uri;
            inFlight++;
        }
        try {
            if (preStop.isPresent()) {
                PROBE.send(HttpRequest.newBuilder(target.resolve(preStop.get())).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + env.getOrDefault("PSI_INTERNAL_TOKEN", ""))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException e) {
            // the stop goes on; what is left in the outbox waits for the next sweep
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Process stopping;
        synchronized (this) {
            inFlight--;
            if (!idle(idle)) {
                return false;
            }
            logs.info(name, "psi-local: idle for " + idle.toSeconds() + " s, scaling to zero (pid " + process.pid() + ")");
            state = State.STOPPED;
            generation++;
            stopping = process;
        }
        stopProcess(stopping);
        return true;
    }

    private boolean idle(Duration idle) {
        return state == State.READY && inFlight == 0 && waiting.get() == 0 && System.nanoTime() - lastUsed >= idle.toNanos();
    }

    /** Stops the process for good (the launcher is stopping). */
    public void shutdown() {
        Process stopping;
        synchronized (this) {
            state = State.SHUT_DOWN;
            generation++;
            stopping = process;
            notifyAll();
        }
        if (stopping != null) {
            stopProcess(stopping);
        }
    }

    /** Kills the process the hard way, as a crash would (tests and demonstrations of supervision). */
    public synchronized Optional<Long> kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            return Optional.of(process.pid());
        }
        return Optional.empty();
    }

    public synchronized Status status() {
        long pid = process != null && process.isAlive() ? process.pid() : -1;
        return new Status(name, state, pid, uri, starts, coldStarts, restarts, lastStartMillis);
    }

    /** What the status page and the start-up table show. {@code lastStartMillis} is -1 before the first ready. */
    public record Status(String name, State state, long pid, URI uri, int starts, int coldStarts, int restarts,
                         long lastStartMillis) {
    }

    private void spawn() throws IOException {
        int port = freePort();
        if (!Files.isRegularFile(jar)) {
            state = State.FAILED;
            notifyAll();
            throw new IOException("no runnable jar for " + name + " at " + jar + " (build it: ./mvnw -B install -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", childClasses + java.io.File.pathSeparator + jar,
                "dev.psi.local.child.ExitWithParent", jar.toString()));
        List<String> cache = aot.map(a -> a.options(name, List.copyOf(command), List.of(childClasses, jar), env)).orElse(List.of());
        command.addAll(1 + jvmOptions.size(), cache);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        Process started = builder.start();
        process = started;
        uri = URI.create("http://127.0.0.1:" + port);
        startedAt = System.nanoTime();
        starts++;
        if (state != State.RESTARTING) {
            state = State.STARTING;
        }
        int myGeneration = ++generation;
        logs.pump(name, started.getInputStream());
        Thread probe = new Thread(() -> probeUntilReady(started, myGeneration), "probe-" + name);
        probe.setDaemon(true);
        probe.start();
        started.onExit().thenRun(() -> exited(started, myGeneration));
    }

    private void probeUntilReady(Process started, int myGeneration) {
        URI readiness = uri.resolve("/health/readiness");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && started.isAlive()) {
            try {
                var response = PROBE.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    ready(myGeneration);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
        if (started.isAlive()) {
            logs.info(name, "psi-local: not ready within " + READY_TIMEOUT.toSeconds() + " s; killing it");
            started.destroyForcibly();
        }
    }

    private synchronized void ready(int myGeneration) {
        if (myGeneration != generation) {
            return;
        }
        lastStartMillis = (System.nanoTime() - startedAt) / 1_000_000;
        String what;
        if (coldStartPending) {
            coldStarts++;
            coldStartPending = false;
            what = "cold start #" + coldStarts;
        } else if (state == State.RESTARTING) {
            what = "restart #" + restarts;
        } else {
            what = "start";
        }
        logs.info(name, String.format("psi-local: ready on %s, pid %d (%s took %d ms)", uri, process.pid(), what,
                lastStartMillis));
        state = State.READY;
        consecutiveCrashes = 0;
        lastUsed = System.nanoTime();
        notifyAll();
    }

    private void exited(Process ended, int myGeneration) {
        Duration backoff;
        synchronized (this) {
            if (myGeneration != generation || state == State.SHUT_DOWN || state == State.STOPPED) {
                return; // stopped on purpose
            }
            restarts++;
            consecutiveCrashes++;
            backoff = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(6, consecutiveCrashes - 1)));
            logs.info(name, String.format("psi-local: pid %d exited with code %d; restart #%d in %d ms",
                    ended.pid(), ended.exitValue(), restarts, backoff.toMillis()));
            state = State.RESTARTING;
            generation++;
            notifyAll();
        }
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(backoff.toMillis());
                synchronized (this) {
                    if (state == State.RESTARTING) {
                        spawn();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                logs.info(name, "psi-local: restart failed: " + e.getMessage());
                synchronized (this) {
                    state = State.FAILED;
                    notifyAll();
                }
            }
        }, "restart-" + name);
        restart.setDaemon(true);
        restart.start();
    }

    private void stopProcess(Process stopping) {
        try {
            // The child's ExitWithParent ends it when this pipe closes; SIGTERM follows for good measure.
            stopping.getOutputStream().close();
        } catch (IOException e) {
            // closing is the signal; already closed is fine
        }
        stopping.destroy();
        try {
            if (!stopping.waitFor(10, TimeUnit.SECONDS)) {
                stopping.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

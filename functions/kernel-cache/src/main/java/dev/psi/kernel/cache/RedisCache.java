package dev.psi.kernel.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache-aside in Redis that never serves a value older than the last committed change.
 *
 * <p>Each key has a generation ({@code gen:<key>}); writers replace it with a fresh random value
 * after their transaction commits, and readers store and look up entries under the generation
 * they saw <em>before</em> reading the database. An entry read from the database before a commit
 * is therefore filed under a generation that the commit has already retired, and nobody reads it.
 *
 * <p>Redis is optional: every failure is counted ({@code psi_cache_errors_total}) and answered as
 * a miss, and after a failure Redis is left alone for a few seconds so that requests do not each
 * wait for a timeout while it is down. The connection is opened on first use, not at start-up.
 */
@Singleton
public final class RedisCache {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);
    private static final Duration BACK_OFF = Duration.ofSeconds(5);
    /** Returns {generation, entry-under-that-generation} in one round trip. */
    private static final String LOOKUP = "local g = redis.call('GET', KEYS[1]) or '0' "
            + "return {g, redis.call('GET', KEYS[2] .. ':' .. g)}";

    /** INCR and, on the first hit of a window, its expiry, in one round trip. */
    private static final String INCREMENT = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

    /** A cached value and the generation to file a fresh value under on a miss. */
    public record Lookup(String generation, Optional<String> value) {
    }

    private final RedisURI uri;
    private final Duration ttl;
    private final MeterRegistry meters;
    private final Clock clock;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private volatile Instant quietUntil = Instant.MIN;
    /** Keys whose invalidation has not reached Redis yet. */
    private final Set<String> missed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private final ScheduledExecutorService retrier = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "cache-invalidation-retry");
        thread.setDaemon(true);
        return thread;
    });

    RedisCache(@Value("${psi.redis.host}") String host, @Value("${psi.redis.port}") int port,
               @Value("${psi.redis.timeout}") Duration timeout,
               @Value("${psi.cache.ttl}") Duration ttl, MeterRegistry meters, Clock clock) {
        this.uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(timeout).build();
        this.ttl = ttl;
        this.meters = meters;
        this.clock = clock;
    }

    /** The current generation of {@code key} and the entry under it, or an empty value on a miss or error. */
    public Lookup lookup(String key) {
        if (!missed.isEmpty()) {
            retryMissed();
        }
        return call("lookup", () -> {
            List<Object> reply = redis().sync().eval(LOOKUP, ScriptOutputType.MULTI, genKey(key), key);
            String generation = String.valueOf(reply.get(0));
            return new Lookup(generation, Optional.ofNullable((String) reply.get(1)));
        }).orElse(new Lookup(null, Optional.empty()));
    }

    /** Files {@code value} under the generation seen before the database was read. */
    public void store(String key, String generation, String value) {
        if (generation == null) {
            return;
        }
        call("store", () -> redis().sync().set(key + ":" + generation, value, SetArgs.Builder.ex(ttl)));
    }

    /**
     * Counts one more hit in the window {@code key} (created with a lifetime of {@code window}) and
     * answers the count, or empty when Redis cannot be asked (the caller decides what to do then).
     */
    public Optional<Long> increment(String key, Duration window) {
        return call("increment", () -> (Long) redis().sync().eval(INCREMENT, ScriptOutputType.INTEGER,
                new String[] {key}, String.valueOf(window.toMillis())));
    }

    /**
     * Retires every entry of {@code key}: call after the change has committed. An invalidation that
     * cannot reach Redis is kept and retried (every back-off period, and before any later command), so
     * that an entry cached before the outage is not served once Redis returns.
     */
    public void invalidate(String key) {
        missed.add(key);
        retryMissed();
        if (!missed.isEmpty() && retrying.compareAndSet(false, true)) {
            retrier.schedule(this::retryMissedRepeatedly, BACK_OFF.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retryMissed() {
        for (String key : List.copyOf(missed)) {
            if (call("invalidate", () -> redis().sync().set(genKey(key), UUID.randomUUID().toString())).isEmpty()) {
                return;
            }
            missed.remove(key);
        }
    }

    private void retryMissedRepeatedly() {
        retryMissed();
        if (missed.isEmpty()) {
            retrying.set(false);
        } else {
            retrier.schedule(this::retryMissedRepeatedly, BACK_OFF.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String genKey(String key) {
        return "gen:" + key;
    }

    private <T> Optional<T> call(String operation, java.util.function.Supplier<T> command) {
        if (clock.instant().isBefore(quietUntil)) {
            meters.counter("psi.cache.errors", "operation", operation, "cause", "backing-off").increment();
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.get());
        } catch (RuntimeException e) {
            quietUntil = clock.instant().plus(BACK_OFF);
            meters.counter("psi.cache.errors", "operation", operation, "cause", "redis").increment();
            LOG.warn("Redis {} failed, serving without the cache for {}: {}", operation, BACK_OFF, e.toString());
            return Optional.empty();
        }
    }

    private synchronized StatefulRedisConnection<String, String> redis() {
        if (connection == null || !connection.isOpen()) {
            if (client == null) {
                client = RedisClient.create(uri);
                client.setOptions(ClientOptions.builder()
                        // An unreachable host must cost a request no more than a slow command would.
                        .socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(uri.getTimeout()).build())
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout()))
                        .build());
            }
            connection = client.connect();
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        retrier.shutdownNow();
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}

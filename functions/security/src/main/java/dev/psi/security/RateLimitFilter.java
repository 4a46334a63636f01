package dev.psi.security;

import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.cache.RedisCache;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code PSI_RATE_LIMIT_PER_MINUTE} {@code /api} requests per minute for one client (the
 * token's subject, else the caller's address) of one tenant, counted in Redis across every instance
 * in fixed one-minute windows. While Redis cannot be asked, each instance counts on its own (the
 * limit then holds per instance) and says so in its log. Over the limit: 429 with {@code Retry-After}.
 */
@ServerFilter("/api/**")
final class RateLimitFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RedisCache redis;
    private final Rejections rejections;
    private final Clock clock;
    private final long limit;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();
    private final AtomicBoolean degraded = new AtomicBoolean();
    private volatile long localWindow;

    RateLimitFilter(RedisCache redis, Rejections rejections, Clock clock,
                    @Value("${psi.limits.requests-per-minute:1200}") long limit) {
        this.redis = redis;
        this.rejections = rejections;
        this.clock = clock;
        this.limit = limit;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    MutableHttpResponse<?> limit(HttpRequest<?> request) {
        if (limit <= 0) {
            return null;
        }
        long now = clock.instant().toEpochMilli(); // not millis(): a microsecond TickClock divides by zero there
        long window = now / WINDOW.toMillis();
        String key = "rl:" + tenantAndClient(request) + ":" + window;
        long count = redis.increment(key, WINDOW.plusSeconds(5)).map(this::recovered).orElseGet(() -> counted(key, window));
        if (count <= limit) {
            return null;
        }
        long retryAfter = Math.max(1, ((window + 1) * WINDOW.toMillis() - now + 999) / 1000);
        return rejections.reject(request, ProblemType.RATE_LIMITED, "rate-limited",
                        "more than " + limit + " requests a minute; retry after " + retryAfter + " s",
                        Map.of("limit", limit, "retryAfterSeconds", retryAfter))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
    }

    private long recovered(long count) {
        if (degraded.compareAndSet(true, false)) {
            LOG.info("rate limiting across instances again: Redis answers");
            local.clear();
        }
        return count;
    }

    private long counted(String key, long window) {
        if (degraded.compareAndSet(false, true)) {
            LOG.warn("rate limiting per instance: Redis cannot be asked");
        }
        if (window != localWindow) {
            localWindow = window;
            local.clear();
        }
        return local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static String tenantAndClient(HttpRequest<?> request) {
        var authentication = request.getUserPrincipal(Authentication.class);
        String tenant = authentication.flatMap(AccessRule::tenantOf)
                .orElseGet(() -> String.valueOf(request.getHeaders().get("X-Tenant-Id")));
        String client = authentication.map(Authentication::getName)
                .orElseGet(() -> request.getRemoteAddress().getAddress().getHostAddress());
        return tenant + ":" + client;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}

package dev.psi.kernel.health;

import dev.psi.kernel.db.Database;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready means the primary database answers; Redis and Kafka are optional for readiness. The check is
 * bounded by {@code psi.health.database-timeout} (default 800 ms, under Kubernetes' 1 s probe timeout):
 * with the database unreachable the pool would wait its whole connection timeout, so the probe answers
 * DOWN when the check has not finished in time, and a check still running is not started twice.
 */
@Singleton
@Readiness
final class DatabaseReadinessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final Database database;
    private final Duration timeout;
    private final ExecutorService checker = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "readiness-database");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> running;

    DatabaseReadinessIndicator(Database database, @Value("${psi.health.database-timeout:800ms}") Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    protected synchronized Map<String, Object> getHealthInformation() {
        if (running == null || running.isDone()) {
            running = checker.submit(() -> database.read(tx -> tx.one("SELECT 1 AS ok", row -> row.intValue("ok"))));
        }
        try {
            running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            healthStatus = HealthStatus.UP;
            return Map.of("database", "reachable");
        } catch (TimeoutException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("database", "unreachable", "error", "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("database", "unreachable", "error", String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthStatus = HealthStatus.DOWN;
            return Map.of("database", "unreachable", "error", "interrupted");
        }
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }

    @Override
    protected String getName() {
        return "database";
    }
}

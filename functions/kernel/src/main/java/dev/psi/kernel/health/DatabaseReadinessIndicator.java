package dev.psi.kernel.health;

import dev.psi.kernel.db.Database;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;

/** Ready means the primary database answers; Redis and Kafka are optional for readiness. */
@Singleton
@Readiness
final class DatabaseReadinessIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final Database database;

    DatabaseReadinessIndicator(Database database) {
        this.database = database;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            database.read(tx -> tx.one("SELECT 1 AS ok", row -> row.intValue("ok")));
            healthStatus = HealthStatus.UP;
            return Map.of("database", "reachable");
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("database", "unreachable", "error", String.valueOf(e.getMessage()));
        }
    }

    @Override
    protected String getName() {
        return "database";
    }
}

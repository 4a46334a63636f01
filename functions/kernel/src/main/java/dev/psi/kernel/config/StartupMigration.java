package dev.psi.kernel.config;

import dev.psi.kernel.db.DatabaseConfiguration;
import dev.psi.schema.Migrator;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates at start-up only when PSI_MIGRATE_AT_STARTUP=true (the local runner's choice). In the
 * cluster a Job migrates once, so that no function pays for Flyway on a cold start.
 */
@Context
@Requires(property = "psi.database.migrate-at-startup", value = "true")
final class StartupMigration {

    private static final Logger LOG = LoggerFactory.getLogger(StartupMigration.class);

    StartupMigration(DatabaseConfiguration configuration) {
        var result = Migrator.migrate(configuration.primary());
        LOG.info("database migrated to version {}", result.targetSchemaVersion);
    }
}

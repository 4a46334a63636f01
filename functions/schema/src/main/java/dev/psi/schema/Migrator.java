package dev.psi.schema;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a PSI database to the newest schema. Used by the migration Job, the local runner and the
 * test harness; never a function at start-up (a function jar carries neither Flyway nor the migrations).
 */
public final class Migrator {

    public static final String LOCATION = "classpath:db/migration";

    private Migrator() {
    }

    /** Creates the database if it is missing, then applies every pending migration. */
    public static MigrateResult migrate(DatabaseSettings settings) {
        createDatabaseIfMissing(settings);
        return Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public static void createDatabaseIfMissing(DatabaseSettings settings) {
        try (var connection = DriverManager.getConnection(settings.serverUrl(), settings.user(), settings.password());
             var statement = connection.createStatement()) {
            // The name is validated by DatabaseSettings, so it is safe to splice in.
            statement.execute("CREATE DATABASE IF NOT EXISTS `" + settings.name()
                    + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + settings, e);
        }
    }

    public static void dropDatabase(DatabaseSettings settings) {
        try (var connection = DriverManager.getConnection(settings.serverUrl(), settings.user(), settings.password());
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + settings.name() + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + settings, e);
        }
    }
}

package dev.psi.schema;

/**
 * Stand-alone entry point: {@code java -jar psi-schema.jar} migrates the database named by the
 * DATABASE_* environment variables and exits. The Kubernetes migration Job runs exactly this.
 */
public final class Migrate {

    private Migrate() {
    }

    public static void main(String[] args) {
        var settings = DatabaseSettings.fromEnvironment();
        var result = Migrator.migrate(settings);
        System.out.printf("migrated %s from %s to %s (%d migrations applied)%n",
                settings, result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted);
    }
}

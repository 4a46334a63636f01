package dev.psi.local;

import dev.psi.schema.DatabaseSettings;
import dev.psi.schema.Migrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/psi-local}: the whole system on this machine until Ctrl-C. The database (DATABASE_*,
 * default psi on 127.0.0.1:3306) is created and migrated first; Redis comes from REDIS_HOST and
 * REDIS_PORT; Kafka is started here. Functions listen on fixed ports, 8081 to 8085.
 */
public final class RunLocal {

    static final Map<String, Integer> PORTS = new LinkedHashMap<>(Map.of(
            "catalog", 8081, "order-create", 8082, "order-workflow", 8083, "stock-adjust", 8084, "inventory-query", 8085));

    private RunLocal() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("psi.root", ".")).toAbsolutePath().normalize();
        DatabaseSettings database = DatabaseSettings.fromEnvironment();
        var migrated = Migrator.migrate(database);
        System.out.printf("database %s at schema version %s%n", database, migrated.targetSchemaVersion);
        String redisHost = System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1");
        int redisPort = Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379"));
        var system = LocalSystem.start(new LocalSystem.Settings(root, root.resolve(".local/run"), database, redisHost,
                redisPort, PORTS, Duration.ofMinutes(1)));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.close();
            stopped.countDown();
        }, "stop-psi"));
        System.out.println("PSI is running (logs in .local/run/). Ctrl-C stops it.");
        LocalSystem.FUNCTIONS.forEach(name -> System.out.printf("  %-16s %s%n", name, system.uri(name)));
        System.out.println("  kafka            " + system.kafkaBootstrapServers());
        // The secret goes to a file only its owner reads, never to the console or a log.
        Path secretFile = root.resolve(".local/run/jwt-secret");
        java.nio.file.Files.writeString(secretFile, system.jwtSecret());
        secretFile.toFile().setReadable(false, false);
        secretFile.toFile().setReadable(true, true);
        System.out.println("Every /api call needs a bearer token. A development token (8 hours):");
        System.out.println("  TOKEN=$(bin/psi-token --tenant demo --roles admin)");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + system.uri("catalog") + "/api/products");
        stopped.await();
    }
}

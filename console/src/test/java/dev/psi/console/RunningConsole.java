package dev.psi.console;

import dev.psi.local.LocalSystem;
import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The whole system as a browser sees it, once per test JVM: every function as its own process with
 * Kafka and the dispatcher ({@link LocalSystem}, on the harness's database and Redis), the console
 * server, and a front door in front of both that routes by k8s/api-routes.yaml.
 */
final class RunningConsole {

    private static RunningConsole instance;

    final LocalSystem system;
    final ConsoleServer console;
    final TestFrontDoor frontDoor;

    private RunningConsole(LocalSystem system, ConsoleServer console, TestFrontDoor frontDoor) {
        this.system = system;
        this.console = console;
        this.frontDoor = frontDoor;
    }

    static Path root() {
        return Path.of(System.getProperty("psi.root", "..")).toAbsolutePath().normalize();
    }

    static synchronized RunningConsole get() {
        if (instance == null) {
            var infrastructure = TestInfrastructure.get();
            try {
                var system = LocalSystem.start(new LocalSystem.Settings(root(), root().resolve("console/target/system"),
                        infrastructure.database(), infrastructure.redisHost(), infrastructure.redisPort(), Map.of(),
                        Duration.ofSeconds(30)));
                var console = ConsoleServer.start(0);
                URI consoleUri = URI.create("http://127.0.0.1:" + console.port() + "/");
                var frontDoor = TestFrontDoor.start(TestFrontDoor.routes(root().resolve("k8s/api-routes.yaml")),
                        function -> function.equals("console") ? Optional.of(consoleUri) : LocalSystem.FUNCTIONS.contains(function)
                                ? Optional.of(system.uri(function)) : Optional.empty());
                instance = new RunningConsole(system, console, frontDoor);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "stop-console-system"));
        }
        return instance;
    }

    URI uri() {
        return frontDoor.uri();
    }

    private void close() {
        frontDoor.close();
        console.close();
        system.close();
    }
}

package dev.psi.console;

import dev.psi.local.LocalSystem;
import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole system as a browser sees it, once per test JVM: every function and the console
 * ({@code console/target/console.jar}) as processes of their own, Kafka and the dispatcher, and the
 * local front door routing by k8s/api-routes.yaml ({@link LocalSystem}, on the harness's database and Redis).
 * The functions run in JWT mode: every {@code /api} call needs a bearer token signed with {@link #secret()}.
 */
final class RunningConsole {

    private static RunningConsole instance;

    final LocalSystem system;
    private final URI uri;

    private RunningConsole(LocalSystem system, URI uri) {
        this.system = system;
        this.uri = uri;
    }

    static Path root() {
        return Path.of(System.getProperty("psi.root", "..")).toAbsolutePath().normalize();
    }

    static synchronized RunningConsole get() {
        if (instance == null) {
            Path root = root();
            if (!Files.isRegularFile(LocalSystem.jarOf(root, "console"))) {
                throw new IllegalStateException("no " + LocalSystem.jarOf(root, "console") + ": run ./mvnw -pl console package first");
            }
            var infrastructure = TestInfrastructure.get();
            try {
                var system = LocalSystem.start(new LocalSystem.Settings(root, root.resolve("console/target/system"),
                        infrastructure.database(), infrastructure.redisHost(), infrastructure.redisPort(), Map.of(),
                        Duration.ofSeconds(30), Stream.concat(LocalSystem.FUNCTIONS.stream(), Stream.of("console")).toList(),
                        null, null, Optional.empty(), 0, null));
                if (!system.authMode().equals("jwt")) {
                    system.close();
                    throw new IllegalStateException("the browser tests run the functions in JWT mode, not " + system.authMode());
                }
                instance = new RunningConsole(system, URI.create(system.frontDoor().orElseThrow() + "/"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance.system::close, "stop-console-system"));
        }
        return instance;
    }

    /** The HS256 secret the running functions verify tokens with (mint them with {@code TestTokens.token(secret(), ...)}). */
    String secret() {
        return system.jwtSecret();
    }

    /** A client of the API for {@code tenant}, with an every-role token the running functions accept. */
    dev.psi.testing.Api api(String tenant) {
        return new dev.psi.testing.Api(uri, tenant, secret());
    }

    /** The front door: the console at {@code /}, the functions under {@code /api}. */
    URI uri() {
        return uri;
    }
}

package dev.psi.system;

import dev.psi.local.LocalSystem;
import dev.psi.testing.Api;
import dev.psi.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The whole system for the tests of this JVM, started on first use on the harness's database and
 * Redis. The PingSources' sweep runs every 30 s, so the chain tests exercise publishing right after
 * commit; a test that needs a sweep sooner calls {@code sweep()}.
 */
final class SystemUnderTest {

    private static LocalSystem system;
    private static boolean stopAtExit;

    private SystemUnderTest() {
    }

    static synchronized LocalSystem get() {
        if (system == null) {
            var infrastructure = TestInfrastructure.get();
            Path root = Path.of(System.getProperty("psi.root", "../..")).toAbsolutePath().normalize();
            try {
                system = LocalSystem.start(new LocalSystem.Settings(root, root.resolve("testing/system-tests/target/system"),
                        infrastructure.database(), infrastructure.redisHost(), infrastructure.redisPort(), Map.of(),
                        Duration.ofSeconds(30)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!stopAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(SystemUnderTest::stop, "stop-system"));
                stopAtExit = true;
            }
        }
        return system;
    }

    /**
     * Stops the system if it runs; the next {@link #get()} starts it again. For a test class that runs a system of
     * its own on the same database ({@link FaultsIT}): the outbox is shared, so this system's 30-s sweep would
     * otherwise publish the other system's pending rows to this system's broker, and its functions would apply them.
     */
    static synchronized void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    /** A client of {@code function} for {@code tenant}, with a token for it that carries every role. */
    static Api api(String function, String tenant) {
        return new Api(get().uri(function), tenant, get().jwtSecret());
    }

    /** A client of {@code function}'s internal endpoints, as the event sources call them. */
    static Api internal(String function, String tenant) {
        return new Api(get().uri(function), tenant, get().jwtSecret()).internal(get().internalToken());
    }
}

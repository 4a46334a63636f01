package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void shouldDefaultToPort8080AndTheHomeDataDirectoryWithoutScaleToZero() {
        var options = LaunchOptions.parse();
        assertEquals(8080, options.port());
        assertEquals(Path.of(System.getProperty("user.home"), ".psi-local").toAbsolutePath(), options.dataDir());
        assertEquals(Optional.empty(), options.scaleToZero());
    }

    @Test
    void shouldReadEveryOption() {
        var options = LaunchOptions.parse("--demo", "--fresh", "--data-dir", "/tmp/x", "--scale-to-zero", "--idle", "2m",
                "--port", "9000", "--no-build");
        assertTrue(options.demo() && options.fresh());
        assertEquals(Path.of("/tmp/x"), options.dataDir());
        assertEquals(Optional.of(Duration.ofMinutes(2)), options.scaleToZero());
        assertEquals(9000, options.port());
    }

    @Test
    void shouldReadIdleTimesAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(30), LaunchOptions.duration("30s"));
        assertEquals(Duration.ofMillis(500), LaunchOptions.duration("500ms"));
        assertEquals(Duration.ofSeconds(45), LaunchOptions.duration("PT45S"));
        assertEquals(Duration.ofSeconds(7), LaunchOptions.duration("7"));
    }

    @Test
    void shouldRefuseWhatItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--idle", "soon"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--demoo"));
    }

    @Test
    void shouldPutTheFunctionsOnTheFrontDoorsNextPorts() {
        assertEquals(Map.of("catalog", 8081, "order-create", 8082), RunLocal.functionPorts(8080, List.of("catalog", "order-create")));
        assertEquals(Map.of("catalog", 0), RunLocal.functionPorts(0, List.of("catalog")));
    }
}

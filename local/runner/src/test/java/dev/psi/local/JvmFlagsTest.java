package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmFlagsTest {

    @Test
    void shouldReadOptionsAndSkipComments() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"),
                JvmFlags.parse("# the GC\n-XX:+UseSerialGC\n\n  -Xmx256m   # the heap\n-Xss512k\n"));
    }

    @Test
    void shouldGiveTheFunctionsTheOptionsOfDeployJvmFlags() {
        List<String> flags = JvmFlags.of(Path.of("../.."));
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags::toString);
        assertTrue(flags.stream().allMatch(f -> f.startsWith("-")), flags::toString);
    }
}

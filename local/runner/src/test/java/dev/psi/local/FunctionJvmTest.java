package dev.psi.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionJvmTest {

    @Test
    void shouldReadTheFlagsOfDeployJvmFlagsWithoutComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jvm-flags");
        Files.writeString(file, "# a comment\n-XX:+UseSerialGC   # why\n\n-Xss512k -Xmx256m\n");
        assertEquals(List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmx256m"), FunctionJvm.flags(file));
        assertEquals(FunctionJvm.FALLBACK_FLAGS, FunctionJvm.flags(dir.resolve("missing")));
    }

    @Test
    void shouldReadTheRepositoryFlagsFile() {
        List<String> flags = FunctionJvm.flags(Path.of("../../deploy/jvm-flags"));
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("#")), flags.toString());
    }

    @Test
    void shouldTrainFirstThenUseTheCacheAndNeverAStaleOne(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("f.jar"), "jar v1");
        var jvm = new FunctionJvm(Path.of("/jdk/bin/java"), 25, "25.0.3", List.of("-Xmx256m"), Optional.of(dir.resolve("aot")));
        String cp = dir + "/exit-with-parent.jar:" + jar;
        Path cache = jvm.aotCache("catalog", jar, cp).orElseThrow();
        assertTrue(jvm.training("catalog", jar, cp));
        assertEquals(List.of("-Xmx256m", "-XX:AOTCacheOutput=" + cache), jvm.options("catalog", jar, cp));
        Files.writeString(cache, "a cache");
        assertFalse(jvm.training("catalog", jar, cp));
        assertEquals(List.of("-Xmx256m", "-XX:AOTMode=auto", "-XX:AOTCache=" + cache), jvm.options("catalog", jar, cp));
        // a rebuilt jar (or another JDK) has another key: it trains again and the old cache goes
        Files.writeString(jar, "jar v2, longer");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Path next = jvm.aotCache("catalog", jar, cp).orElseThrow();
        assertNotEquals(cache, next);
        assertEquals(List.of("-Xmx256m", "-XX:AOTCacheOutput=" + next), jvm.options("catalog", jar, cp));
        assertFalse(Files.exists(cache));
        var otherJdk = new FunctionJvm(Path.of("/jdk/bin/java"), 25, "25.0.4", List.of("-Xmx256m"), Optional.of(dir.resolve("aot")));
        assertNotEquals(next, otherJdk.aotCache("catalog", jar, cp).orElseThrow());
    }

    @Test
    void shouldUseNoCacheBeforeJdk25() {
        var jvm = new FunctionJvm(Path.of("/jdk17/bin/java"), 17, "17.0.15", List.of("-Xmx256m"), Optional.empty());
        assertEquals(List.of("-Xmx256m"), jvm.options("catalog", Path.of("/nowhere.jar"), "cp"));
        assertEquals(25, FunctionJvm.major("25.0.3"));
        assertEquals(17, FunctionJvm.major("17"));
    }
}

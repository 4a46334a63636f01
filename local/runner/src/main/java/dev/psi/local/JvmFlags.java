package dev.psi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The functions' JVM options: {@code deploy/jvm-flags}, the one definition the Dockerfile, its AOT training and
 * {@code bench/coldstart} read too (one option per line, {@code #} starts a comment; it is also a valid
 * {@code java @argfile}). {@code PSI_JVM_FLAGS_FILE} names another file of the same form instead, for a measured
 * comparison (the benchmarks' C1-only vs tiered run); nothing else reads it.
 */
public final class JvmFlags {

    static final String FILE = "deploy/jvm-flags";
    static final String OVERRIDE = "PSI_JVM_FLAGS_FILE";

    private JvmFlags() {
    }

    /** The options every function is started with: {@code deploy/jvm-flags}, or the file {@code PSI_JVM_FLAGS_FILE} names. */
    public static List<String> of(Path root) {
        String override = System.getenv(OVERRIDE);
        Path file = override == null || override.isBlank() ? root.resolve(FILE) : Path.of(override);
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the functions' JVM options " + file, e);
        }
    }

    static List<String> parse(String text) {
        return text.lines()
                .map(line -> line.contains("#") ? line.substring(0, line.indexOf('#')) : line)
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .toList();
    }
}

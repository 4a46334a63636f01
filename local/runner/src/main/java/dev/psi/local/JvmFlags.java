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
 * {@code java @argfile}).
 */
final class JvmFlags {

    static final String FILE = "deploy/jvm-flags";

    private JvmFlags() {
    }

    static List<String> of(Path root) {
        Path file = root.resolve(FILE);
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

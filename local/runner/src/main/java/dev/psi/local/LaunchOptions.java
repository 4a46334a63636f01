package dev.psi.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code bin/psi-local [--demo] [--fresh] [--data-dir DIR] [--scale-to-zero] [--idle 30s] [--port 8080]}.
 *
 * @param port the front door's port; the functions take the next ones (port + 1 ...). 0: any free ports
 */
public record LaunchOptions(boolean demo, boolean fresh, Path dataDir, Optional<Duration> scaleToZero, int port) {

    public static final String USAGE = "usage: bin/psi-local [--demo] [--fresh] [--data-dir DIR] [--scale-to-zero]"
            + " [--idle 30s] [--port 8080] [--no-build]";

    public static LaunchOptions parse(String... args) {
        boolean demo = false;
        boolean fresh = false;
        boolean scaleToZero = false;
        Path dataDir = Path.of(System.getProperty("user.home"), ".psi-local");
        Duration idle = Duration.ofSeconds(30);
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--demo" -> demo = true;
                case "--fresh" -> fresh = true;
                case "--scale-to-zero" -> scaleToZero = true;
                case "--no-build" -> {
                    // handled by bin/psi-local
                }
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, option));
                case "--idle" -> idle = duration(value(args, ++i, option));
                case "--port" -> {
                    String value = value(args, ++i, option);
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port wants a number, got " + value);
                    }
                    if (port < 0 || port > 65_000) {
                        throw new IllegalArgumentException("--port must be 0 (any free port) to 65000, got " + port);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new LaunchOptions(demo, fresh, dataDir.toAbsolutePath().normalize(),
                scaleToZero ? Optional.of(idle) : Optional.empty(), port);
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}, or ISO-8601 ({@code PT30S}). */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--idle wants a duration such as 30s, 2m or 500ms, got " + value);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

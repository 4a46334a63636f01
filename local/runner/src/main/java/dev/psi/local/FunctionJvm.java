package dev.psi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a function's JVM is started: the java binary, the flags of {@code deploy/jvm-flags} (the one place they
 * live; the Dockerfile and bench/coldstart read the same file) and, on a JDK 25 or later, a per-function AOT cache
 * under {@code <data dir>/aot}. The cache is keyed by the jar (path, size, modification time), the JDK (its home and
 * version), the flags and the class path, so a rebuilt jar or another JDK never meets a stale cache. The first start
 * without a cache is its training run ({@code -XX:AOTCacheOutput}: the JVM writes the cache when it stops); later
 * starts use it with {@code -XX:AOTMode=auto}, so a cache the JVM rejects only costs speed.
 */
record FunctionJvm(Path java, int jdkMajor, String jdkVersion, List<String> flags, Optional<Path> aotDir) {

    /** What the launcher used before deploy/jvm-flags existed; used only when the file is missing. */
    static final List<String> FALLBACK_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
            "-Xmx256m");

    /**
     * The JVM for the functions of {@code root}: {@code -Dpsi.function.java} (bin/psi-local sets it to a JDK 25
     * when it finds one) or the launcher's own; AOT caches under {@code work/aot} unless {@code -Dpsi.aot=off}.
     */
    static FunctionJvm of(Path root, Path work) {
        String configured = System.getProperty("psi.function.java", "");
        Path java = configured.isBlank() ? Path.of(System.getProperty("java.home"), "bin", "java") : Path.of(configured);
        String version = jdkVersion(java);
        int major = major(version);
        boolean aot = major >= 25 && !"off".equals(System.getProperty("psi.aot", "auto"));
        return new FunctionJvm(java, major, version, flags(root.resolve("deploy/jvm-flags")),
                aot ? Optional.of(work.resolve("aot")) : Optional.empty());
    }

    /** The flags in {@code file}: one or more per line, {@code #} starts a comment. */
    static List<String> flags(Path file) {
        if (!Files.isRegularFile(file)) {
            return FALLBACK_FLAGS;
        }
        try {
            List<String> flags = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!content.isEmpty()) {
                    flags.addAll(List.of(content.split("\\s+")));
                }
            }
            return List.copyOf(flags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM options of one start of {@code name}: the flags, then the AOT cache to use or to write. */
    List<String> options(String name, Path jar, String classPath) {
        List<String> options = new ArrayList<>(flags);
        aotCache(name, jar, classPath).ifPresent(cache -> {
            if (Files.isRegularFile(cache) && size(cache) > 0) {
                options.add("-XX:AOTMode=auto");
                options.add("-XX:AOTCache=" + cache);
            } else if (trainingUnderWay(cache)) {
                // A training run that is stopping is still writing <cache>.config and then the cache: a second
                // training to the same file would spoil both, so this start goes without a cache.
            } else {
                forgetOthers(name, cache);
                options.add("-XX:AOTCacheOutput=" + cache);
            }
        });
        return options;
    }

    /** True when the next start of {@code name} is a training run (it writes its cache as it stops). */
    boolean training(String name, Path jar, String classPath) {
        return aotCache(name, jar, classPath)
                .map(cache -> (!Files.isRegularFile(cache) || size(cache) == 0) && !trainingUnderWay(cache)).orElse(false);
    }

    /** The JVM writes {@code <cache>.config} first (JDK 25 one-step training); younger than 10 minutes: under way. */
    private static boolean trainingUnderWay(Path cache) {
        Path config = cache.resolveSibling(cache.getFileName() + ".config");
        try {
            return Files.isRegularFile(config)
                    && Files.getLastModifiedTime(config).toMillis() > System.currentTimeMillis() - 600_000;
        } catch (IOException e) {
            return false;
        }
    }

    Optional<Path> aotCache(String name, Path jar, String classPath) {
        if (aotDir.isEmpty() || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(aotDir.get());
            var digest = MessageDigest.getInstance("SHA-256");
            String key = String.join("\n", jar.toAbsolutePath().toString(), String.valueOf(Files.size(jar)),
                    String.valueOf(Files.getLastModifiedTime(jar).toMillis()), java.toAbsolutePath().toString(), jdkVersion,
                    String.join(" ", flags), classPath);
            String hex = HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
            return Optional.of(aotDir.get().resolve(name + "-" + hex + ".aot"));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Caches of older jars or JDKs of this function: never used again, so they go. */
    private void forgetOthers(String name, Path keep) {
        try (Stream<Path> files = Files.list(keep.getParent())) {
            files.filter(f -> f.getFileName().toString().startsWith(name + "-") && !f.equals(keep))
                    .filter(f -> f.getFileName().toString().matches(Pattern.quote(name) + "-[0-9a-f]{16}\\.aot(\\.config)?"))
                    .forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a stale cache left behind costs disk space only
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** JAVA_VERSION from the JDK's {@code release} file, else the launcher's version when it is the same JDK. */
    static String jdkVersion(Path java) {
        Path home = java.toAbsolutePath().getParent().getParent();
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            var properties = new Properties();
            try (var in = Files.newInputStream(release)) {
                properties.load(in);
                String v = properties.getProperty("JAVA_VERSION");
                if (v != null) {
                    return v.replace("\"", "");
                }
            } catch (IOException ignored) {
                // fall through
            }
        }
        return home.equals(Path.of(System.getProperty("java.home")).toAbsolutePath()) ? Runtime.version().toString() : "0";
    }

    static int major(String version) {
        String head = version.split("[.+-]")[0];
        try {
            return Integer.parseInt(head);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.psi.kernel.start;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;

/**
 * Micronaut's service lists, read from one index in the function's jar instead of being discovered at start-up.
 *
 * <p>Without it, the first service lookup opens the runnable jar as a zip file system to walk
 * {@code META-INF/micronaut/}: a parse of all ~20,000 entries of the fat jar, about 100 ms of CPU on every cold
 * start (BENCHMARKS.md, "Cold start"). The build ({@code functions/function-parent}, after the shade plugin) runs
 * {@link #main} on the finished jar, which writes {@value #INDEX}: one line per service type, with every
 * implementation that {@code META-INF/micronaut/<type>/} and {@code META-INF/services/<type>} name. At run time
 * {@link Loader} hands those lists to Micronaut as static service loaders.
 *
 * <p>Nothing is decided at build time: every implementation listed is instantiated as the scan would do, and
 * Micronaut evaluates each bean's requirements (properties, environment, classes) at run time as before; only
 * where the names come from changes (unlike Micronaut AOT's service loading, which drops beans whose property
 * requirements the build's configuration does not meet). Without the index (classes directories in tests and the
 * IDE), Micronaut scans as usual.
 */
public final class ServiceIndex {

    /** Where the index lives in the jar. */
    public static final String INDEX = "META-INF/psi/micronaut-services.idx";

    private static final String MICRONAUT = "META-INF/micronaut/";
    private static final String SERVICES = "META-INF/services/";

    /**
     * Service types Micronaut asks for at start-up that no jar implements: listed as empty, or the lookup of any
     * one of them would fall back to the scan.
     */
    static final List<String> ASKED_FOR_WITHOUT_IMPLEMENTATIONS = List.of(
            "io.micronaut.context.env.PropertyExpressionResolver",
            "io.micronaut.core.beans.BeanIntrospectionReference",
            "io.micronaut.http.HttpRequestFactory",
            "io.micronaut.http.HttpResponseFactory");

    private ServiceIndex() {
    }

    /** Build time: {@code ServiceIndex JAR} writes the index into JAR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ServiceIndex JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        try (FileSystem zip = FileSystems.newFileSystem(jar)) {
            Map<String, Set<String>> services = read(zip);
            Path index = zip.getPath(INDEX);
            Files.createDirectories(index.getParent());
            Files.writeString(index, write(services), StandardCharsets.UTF_8);
            System.out.println("[service-index] " + services.size() + " service types, "
                    + services.values().stream().mapToInt(Set::size).sum() + " implementations -> " + jar + "!/" + INDEX);
        }
    }

    /** Every service type with its implementations, from both places Micronaut looks. */
    static Map<String, Set<String>> read(FileSystem zip) throws IOException {
        Map<String, Set<String>> services = new TreeMap<>();
        Path micronaut = zip.getPath(MICRONAUT);
        if (Files.isDirectory(micronaut)) {
            try (Stream<Path> types = Files.list(micronaut)) {
                for (Path type : types.filter(Files::isDirectory).toList()) {
                    Set<String> names = services.computeIfAbsent(name(type), t -> new LinkedHashSet<>());
                    try (Stream<Path> impls = Files.list(type)) {
                        impls.filter(Files::isRegularFile).map(ServiceIndex::name).sorted().forEach(names::add);
                    }
                }
            }
        }
        Path serviceFiles = zip.getPath(SERVICES);
        if (Files.isDirectory(serviceFiles)) {
            try (Stream<Path> files = Files.list(serviceFiles)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Set<String> names = services.computeIfAbsent(name(file), t -> new LinkedHashSet<>());
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        String impl = line.replaceFirst("#.*", "").trim();
                        if (!impl.isEmpty()) {
                            names.add(impl);
                        }
                    }
                }
            }
        }
        ASKED_FOR_WITHOUT_IMPLEMENTATIONS.forEach(type -> services.computeIfAbsent(type, t -> new LinkedHashSet<>()));
        return services;
    }

    static String write(Map<String, Set<String>> services) {
        StringBuilder out = new StringBuilder("# written at build time by dev.psi.kernel.start.ServiceIndex: type=impl,impl,...\n");
        services.forEach((type, impls) -> out.append(type).append('=').append(String.join(",", impls)).append('\n'));
        return out.toString();
    }

    static Map<String, List<String>> parse(InputStream in) throws IOException {
        Map<String, List<String>> services = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                int equals = line.indexOf('=');
                if (line.startsWith("#") || equals < 0) {
                    continue;
                }
                String impls = line.substring(equals + 1);
                services.put(line.substring(0, equals), impls.isEmpty() ? List.of() : List.of(impls.split(",")));
            }
        }
        return services;
    }

    private static String name(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * Run time: registered in {@code META-INF/services/io.micronaut.core.optim.StaticOptimizations$Loader}, read by
     * {@link StaticOptimizations} before Micronaut's first service lookup.
     */
    public static final class Loader implements StaticOptimizations.Loader<SoftServiceLoader.Optimizations> {

        @Override
        public SoftServiceLoader.Optimizations load() {
            return new SoftServiceLoader.Optimizations(loaders(ServiceIndex.class.getClassLoader()));
        }
    }

    /** A static service loader per indexed type; none (Micronaut scans) when {@code classLoader} has no index. */
    static Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders(ClassLoader classLoader) {
        Map<String, SoftServiceLoader.StaticServiceLoader<?>> loaders = new LinkedHashMap<>();
        try (InputStream in = classLoader.getResourceAsStream(INDEX)) {
            if (in != null) {
                parse(in).forEach((type, impls) -> loaders.put(type, new Listed<>(impls, classLoader)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
        return loaders;
    }

    /** One service type's implementations, created as Micronaut's scan creates them (public no-arg constructor). */
    private record Listed<S>(List<String> names, ClassLoader classLoader) implements SoftServiceLoader.StaticServiceLoader<S> {

        private static final MethodType NO_ARGS = MethodType.methodType(void.class);

        @Override
        public Stream<SoftServiceLoader.StaticDefinition<S>> findAll(Predicate<String> condition) {
            return names.stream().filter(name -> condition == null || condition.test(name)).filter(this::present)
                    .map(name -> SoftServiceLoader.StaticDefinition.of(name, () -> create(name)));
        }

        /** Micronaut passes null for "no filter". */
        @Override
        public List<S> load(Predicate<S> predicate) {
            return load(null, predicate);
        }

        @Override
        public List<S> load(Predicate<String> condition, Predicate<S> predicate) {
            List<S> services = new ArrayList<>(names.size());
            for (String name : names) {
                if ((condition == null || condition.test(name)) && present(name)) {
                    S service = create(name);
                    if (service != null && (predicate == null || predicate.test(service))) {
                        services.add(service);
                    }
                }
            }
            return services;
        }

        /** As the scan does for {@code META-INF/services} lines: an implementation whose class is missing is skipped. */
        private boolean present(String name) {
            try {
                Class.forName(name, false, classLoader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        /**
         * The implementation, or null when it needs a class this function does not carry (a bean definition of an
         * optional part, e.g. the event guard in a function without events): the scan skips those too.
         */
        @SuppressWarnings("unchecked")
        private S create(String name) {
            try {
                MethodHandle constructor = MethodHandles.publicLookup().findConstructor(Class.forName(name, false, classLoader), NO_ARGS);
                return (S) constructor.invoke();
            } catch (Throwable e) {
                for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                    if (cause instanceof ClassNotFoundException || cause instanceof LinkageError) {
                        return null;
                    }
                }
                throw new IllegalStateException("cannot create service " + name + " listed in " + INDEX + ": " + e, e);
            }
        }
    }
}

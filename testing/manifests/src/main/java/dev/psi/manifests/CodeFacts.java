package dev.psi.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code says, read from its sources: which function modules exist, which environment variables a
 * function's configuration reads, which paths it serves, which topics and metrics it uses. Deliberately textual
 * (the manifests tests must not start the functions): the patterns are the ones the code base writes.
 */
public final class CodeFacts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::|\\})");
    private static final Pattern ENV_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*_[A-Z0-9_]+)\"");
    private static final Pattern CONTROLLER = Pattern.compile("@Controller\\(\\s*(?:value\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern ROUTE = Pattern.compile(
            "@(Get|Post|Put|Delete|Patch|Head)(?:\\(\\s*(?:(?:uri|value)\\s*=\\s*)?\"([^\"]*)\"[^)]*\\)|\\([^\"]*?\\)|(?=\\s))");
    private static final Pattern REQUIRES_BEAN = Pattern.compile("@Requires\\(\\s*beans\\s*=\\s*(\\w+)\\.class");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("=\\s*\"(psi\\.[a-z][a-z.-]*)\"");

    private final Layout layout;

    public CodeFacts(Layout layout) {
        this.layout = layout;
    }

    /**
     * The deployable function modules: a module under functions/ with a Micronaut application.yml, and the web
     * console (top-level console/) when it exists.
     */
    public Set<String> functionModules() {
        Set<String> result = new TreeSet<>();
        for (Path module : modules()) {
            if (Files.exists(module.resolve("src/main/resources/application.yml"))) {
                result.add(module.getFileName().toString());
            }
        }
        if (Files.exists(layout.code().resolve("console/pom.xml"))) {
            result.add("console");
        }
        return result;
    }

    /** The source folder of a function or of the migration tool ("schema"). */
    public Path module(String name) {
        return name.equals("console") ? layout.code().resolve("console") : layout.functions().resolve(name);
    }

    /** Modules under functions/ that every function builds on (kernel, contract, ...): no application, not schema. */
    List<Path> sharedModules() {
        return modules().stream()
                .filter(m -> !Files.exists(m.resolve("src/main/resources/application.yml")))
                .filter(m -> !m.getFileName().toString().equals("schema"))
                .toList();
    }

    /** The environment variables the configuration of {@code function} reads (its own module and the shared ones). */
    public Set<String> environmentRead(String function) {
        Set<String> result = new TreeSet<>();
        for (Path file : sources(function)) {
            String text = text(file);
            collect(PLACEHOLDER, text, result);
            if (file.toString().endsWith(".java")) {
                collect(ENV_LITERAL, text, result);
            }
        }
        return result;
    }

    /** Paths {@code function} serves (controller base + method path), the shared controllers only where enabled. */
    public Set<String> servedPaths(String function) {
        Set<String> result = new TreeSet<>(List.of("/health", "/health/liveness", "/health/readiness"));
        String own = javaText(List.of(module(function)));
        if (!function.equals("console") && !function.equals("schema")) {
            result.add("/prometheus");
        }
        for (Path file : sources(function)) {
            if (!file.toString().endsWith(".java")) {
                continue;
            }
            String text = text(file);
            Matcher controller = CONTROLLER.matcher(text);
            if (!controller.find()) {
                continue;
            }
            int classAt = text.indexOf(" class ", controller.start());
            Matcher requires = REQUIRES_BEAN.matcher(text.substring(0, classAt < 0 ? text.length() : classAt));
            if (requires.find() && !Pattern.compile("implements[^{]*\\b" + requires.group(1) + "\\b").matcher(own).find()) {
                continue;
            }
            String base = controller.group(1);
            Matcher route = ROUTE.matcher(text.substring(controller.end()));
            while (route.find()) {
                String sub = route.group(2) == null ? "" : route.group(2);
                result.add(normalise(base + (sub.isEmpty() || sub.startsWith("/") ? sub : "/" + sub)));
            }
        }
        return result;
    }

    /** The topic names the contract module declares (constants such as {@code STOCK = "psi.stock"}). */
    public Set<String> topicsInCode() {
        Set<String> result = new TreeSet<>();
        for (Path module : sharedModules()) {
            for (Path file : files(module.resolve("src/main/java"))) {
                if (file.getFileName().toString().equals("Topics.java")) {
                    collect(TOPIC_CONSTANT, text(file), result);
                }
            }
        }
        return result;
    }

    /** All main Java sources of every module under functions/ (and console/), for finding metric names. */
    public String allMainJava() {
        List<Path> all = new ArrayList<>(modules());
        all.add(layout.code().resolve("console"));
        return javaText(all);
    }

    /** The text of every shared properties file (kernel configuration). */
    public String sharedConfiguration() {
        StringBuilder text = new StringBuilder();
        for (Path module : sharedModules()) {
            for (Path file : files(module.resolve("src/main/resources"))) {
                text.append(text(file)).append('\n');
            }
        }
        return text.toString();
    }

    private List<Path> sources(String function) {
        List<Path> roots = new ArrayList<>();
        roots.add(module(function));
        if (!function.equals("schema") && !function.equals("console")) {
            roots.addAll(sharedModules());
        }
        List<Path> result = new ArrayList<>();
        for (Path root : roots) {
            result.addAll(files(root.resolve("src/main/java")));
            result.addAll(files(root.resolve("src/main/resources")).stream()
                    .filter(f -> f.toString().matches(".*\\.(ya?ml|properties|xml)")).toList());
        }
        return result;
    }

    private List<Path> modules() {
        try (Stream<Path> list = Files.list(layout.functions())) {
            return list.filter(p -> Files.exists(p.resolve("pom.xml"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaText(List<Path> modules) {
        StringBuilder text = new StringBuilder();
        for (Path module : modules) {
            files(module.resolve("src/main/java")).forEach(f -> text.append(text(f)).append('\n'));
        }
        return text.toString();
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}

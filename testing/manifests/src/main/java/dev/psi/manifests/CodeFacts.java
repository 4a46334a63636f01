package dev.psi.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private static final Pattern PARENT = Pattern.compile("<parent>.*?<artifactId>([^<]+)</artifactId>.*?</parent>", Pattern.DOTALL);
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("=\\s*\"(psi\\.[a-z][a-z.-]*)\"");

    private final Layout layout;

    public CodeFacts(Layout layout) {
        this.layout = layout;
    }

    /**
     * The deployable function modules: a module under functions/ with its own function.properties (the file
     * dev.psi.kernel.config.KernelDefaults reads), and the web console (top-level console/) when it exists.
     */
    public Set<String> functionModules() {
        Set<String> result = new TreeSet<>();
        for (Path module : modules()) {
            if (Files.exists(module.resolve("src/main/resources/function.properties"))) {
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

    /**
     * The modules whose code runs in {@code function}: its own and, transitively, every PSI module under functions/
     * it depends on (directly or through its parent pom), test scope aside. So a move of a mechanism from one shared
     * module to another changes nothing here.
     */
    List<Path> runtimeModules(String function) {
        Map<String, Path> byArtifact = new HashMap<>();
        List<Path> candidates = new ArrayList<>(modules());
        if (Files.exists(layout.code().resolve("console/pom.xml"))) {
            candidates.add(layout.code().resolve("console"));
        }
        for (Path module : candidates) {
            byArtifact.put(artifactId(text(module.resolve("pom.xml"))), module);
        }
        Set<Path> result = new LinkedHashSet<>();
        ArrayDeque<Path> todo = new ArrayDeque<>(List.of(module(function)));
        while (!todo.isEmpty()) {
            Path module = todo.pop();
            if (!result.add(module) || !Files.exists(module.resolve("pom.xml"))) {
                continue;
            }
            String pom = text(module.resolve("pom.xml"));
            Matcher parent = PARENT.matcher(pom);
            if (parent.find() && byArtifact.containsKey(parent.group(1))) {
                todo.push(byArtifact.get(parent.group(1)));
            }
            Matcher dependency = DEPENDENCY.matcher(pom);
            while (dependency.find()) {
                String block = dependency.group(1);
                Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(block);
                if (block.contains("<groupId>dev.psi</groupId>") && !block.contains("<scope>test</scope>") && id.find()
                        && byArtifact.containsKey(id.group(1))) {
                    todo.push(byArtifact.get(id.group(1)));
                }
            }
        }
        return List.copyOf(result);
    }

    private static String artifactId(String pom) {
        String own = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(own);
        return m.find() ? m.group(1) : "";
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
        for (Path module : modules()) {
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

    /** The text of every configuration file of the modules under functions/. */
    public String sharedConfiguration() {
        StringBuilder text = new StringBuilder();
        for (Path module : modules()) {
            for (Path file : files(module.resolve("src/main/resources"))) {
                text.append(text(file)).append('\n');
            }
        }
        return text.toString();
    }

    private List<Path> sources(String function) {
        List<Path> result = new ArrayList<>();
        for (Path root : runtimeModules(function)) {
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

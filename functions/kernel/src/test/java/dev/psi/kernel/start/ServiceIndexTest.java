package dev.psi.kernel.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceIndexTest {

    /** A service type of this test, with implementations below. */
    public interface Greeter {
        String greet();
    }

    public static final class Hello implements Greeter {
        @Override
        public String greet() {
            return "hello";
        }
    }

    public static final class Hi implements Greeter {
        @Override
        public String greet() {
            return "hi";
        }
    }

    @TempDir
    Path dir;

    @Test
    void indexesBothPlacesMicronautLooksAndLoadsWhatIsPresent() throws Exception {
        Path jar = dir.resolve("app.jar");
        String type = Greeter.class.getName();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "META-INF/micronaut/" + type + "/" + Hello.class.getName(), "");
            // an implementation whose class this "function" does not carry: the scan skips it, so does the index
            entry(out, "META-INF/micronaut/" + type + "/com.example.Missing", "");
            entry(out, "META-INF/services/" + type, "# a comment\n" + Hi.class.getName() + "\n\n");
            entry(out, "META-INF/services/java.sql.Driver", "com.example.Driver\n");
        }

        ServiceIndex.main(new String[] {jar.toString()});

        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            String index = new String(classLoader.getResourceAsStream(ServiceIndex.INDEX).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(index.contains(type + "=com.example.Missing," + Hello.class.getName() + "," + Hi.class.getName() + "\n"), index);
            assertTrue(index.contains("java.sql.Driver=com.example.Driver"), index);
            // the types Micronaut asks for without any implementation are listed, empty, so they are not scanned for
            assertTrue(index.contains("io.micronaut.http.HttpRequestFactory=\n"), index);

            var loaders = ServiceIndex.loaders(classLoader);
            @SuppressWarnings("unchecked")
            var greeters = (io.micronaut.core.io.service.SoftServiceLoader.StaticServiceLoader<Greeter>) loaders.get(type);
            assertEquals(List.of("hello", "hi"), greeters.load(null).stream().map(Greeter::greet).toList());
            assertEquals(List.of("hi"), greeters.load(g -> g.greet().startsWith("hi")).stream().map(Greeter::greet).toList());
            assertEquals(List.of(Hello.class.getName(), Hi.class.getName()),
                    greeters.findAll(null).map(d -> d.getName()).toList(), "the missing one is not offered");
            assertEquals(List.of(Hi.class.getName()),
                    greeters.findAll(name -> name.endsWith("Hi")).map(d -> d.getName()).toList());
        }
    }

    @Test
    void withoutAnIndexMicronautScansAsUsual() {
        assertEquals(Map.of(), ServiceIndex.loaders(new URLClassLoader(new URL[0], null)));
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream body = out;
        body.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}

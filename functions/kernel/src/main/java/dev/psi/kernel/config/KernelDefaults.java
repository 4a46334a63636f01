package dev.psi.kernel.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a function's configuration files come from: the settings every function shares (environment variable
 * mapping, health, metrics, OpenAPI) in the kernel's {@code psi-kernel.properties}, and the function's own in its
 * {@code function.properties}, which overrides them; the environment and system properties override both.
 *
 * <p>Micronaut reads only one {@code application.properties}, so a library cannot ship one; this is the seam
 * instead. And the functions ship no {@code application.properties} at all: Micronaut reads that file through a
 * zip file system over the whole runnable jar (its {@code DefaultClassPathResourceLoader}), a parse of the fat
 * jar's ~17,000 entries on every start (BENCHMARKS.md, "Cold start"), where the class loader reads one entry.
 * {@code function.properties} takes the place and the precedence application.properties would have had.
 */
@ContextConfigurer
public final class KernelDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "psi-kernel.properties";
    static final String FUNCTION_RESOURCE = "function.properties";
    /** Below the function's own file and the environment, so both override these defaults. */
    static final int PRECEDENCE = -1000;
    /** Where application.properties would be: below the environment (-200) and system properties (-100). */
    static final int FUNCTION_PRECEDENCE = AbstractPropertySourceLoader.DEFAULT_POSITION;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("psi-kernel-defaults", load(RESOURCE, true), PRECEDENCE));
        Map<String, Object> function = load(FUNCTION_RESOURCE, false);
        if (!function.isEmpty()) {
            builder.propertySources(PropertySource.of("function", function, FUNCTION_PRECEDENCE));
        }
    }

    private static Map<String, Object> load(String resource, boolean required) {
        var properties = new Properties();
        try (InputStream in = KernelDefaults.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                return Map.of();
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var map = new LinkedHashMap<String, Object>();
        properties.forEach((k, v) -> map.put((String) k, v));
        return map;
    }
}

package dev.psi.kernel.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration every function shares (environment variable mapping, health, metrics,
 * OpenAPI), in {@code psi-kernel.properties}, at a lower precedence than a function's own
 * {@code application.properties}. Micronaut reads only one {@code application.properties}, so a library cannot
 * ship one; this is the seam instead.
 */
@ContextConfigurer
public final class KernelDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "psi-kernel.properties";
    /** Below application.properties (-300) and the environment, so both override these defaults. */
    static final int PRECEDENCE = -1000;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("psi-kernel-defaults", load(), PRECEDENCE));
    }

    static Map<String, Object> load() {
        var properties = new Properties();
        try (var in = KernelDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
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

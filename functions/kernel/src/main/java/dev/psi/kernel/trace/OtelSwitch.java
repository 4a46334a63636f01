package dev.psi.kernel.trace;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Switches OpenTelemetry (Micronaut's tracing module) on only when the standard {@code OTEL_*}
 * environment asks for an export: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) is set, or {@code OTEL_TRACES_EXPORTER} names an
 * exporter other than {@code none}; {@code OTEL_SDK_DISABLED=true} keeps it off. Off, the module's
 * beans are not even created ({@code micronaut.otel.enabled=false}), so start-up pays nothing for
 * it and {@link W3cSpans} keeps the trace context. On, the SDK reads the rest of the {@code OTEL_*}
 * environment itself (sampler, resource attributes, headers, propagators ...); the service name
 * defaults to the function's name, the exporter to OTLP over HTTP/protobuf, sent with the JDK's
 * HTTP client (the one sender the functions ship: no gRPC).
 *
 * <p>A lower precedence than any configuration file or the environment, so
 * {@code MICRONAUT_OTEL_ENABLED} still overrides the decision.
 */
@ContextConfigurer
public final class OtelSwitch implements ApplicationContextConfigurer {

    /** The property Micronaut's tracing module is switched by. */
    public static final String ENABLED = "micronaut.otel.enabled";
    static final int PRECEDENCE = -1100;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("psi-otel-switch", properties(System::getenv), PRECEDENCE));
    }

    /** Whether {@code env} asks for OpenTelemetry export. */
    static boolean enabled(UnaryOperator<String> env) {
        if ("true".equalsIgnoreCase(trim(env.apply("OTEL_SDK_DISABLED")))) {
            return false;
        }
        String exporter = trim(env.apply("OTEL_TRACES_EXPORTER"));
        if (exporter != null) {
            return !exporter.equalsIgnoreCase("none");
        }
        return trim(env.apply("OTEL_EXPORTER_OTLP_ENDPOINT")) != null
                || trim(env.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) != null;
    }

    /** The properties the decision makes: always the switch, and when on the defaults of the export. */
    static Map<String, Object> properties(UnaryOperator<String> env) {
        var properties = new LinkedHashMap<String, Object>();
        boolean on = enabled(env);
        properties.put(ENABLED, on);
        if (on) {
            // defaults only: the SDK lets OTEL_TRACES_EXPORTER / OTEL_EXPORTER_OTLP_PROTOCOL override them
            properties.put("otel.traces.exporter", "otlp");
            properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        }
        return properties;
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

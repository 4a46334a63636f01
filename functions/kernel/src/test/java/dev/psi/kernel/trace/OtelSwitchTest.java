package dev.psi.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelSwitchTest {

    private static boolean on(Map<String, String> env) {
        return OtelSwitch.enabled(env::get);
    }

    @Test
    void shouldBeOffWithoutAnyOtelEnvironment() {
        assertFalse(on(Map.of()));
        assertEquals(Map.of(OtelSwitch.ENABLED, false), OtelSwitch.properties(name -> null));
    }

    @Test
    void shouldBeOnWhenAnEndpointOrAnExporterIsGiven() {
        assertTrue(on(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")));
        assertTrue(on(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces")));
        assertTrue(on(Map.of("OTEL_TRACES_EXPORTER", "otlp")));
        var properties = OtelSwitch.properties(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")::get);
        assertEquals(true, properties.get(OtelSwitch.ENABLED));
        assertEquals("otlp", properties.get("otel.traces.exporter"));
        assertEquals("http/protobuf", properties.get("otel.exporter.otlp.protocol"));
    }

    @Test
    void shouldStayOffWhenDisabledOrTheExporterIsNone() {
        assertFalse(on(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_SDK_DISABLED", "true")));
        assertFalse(on(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_TRACES_EXPORTER", "none")));
        assertFalse(on(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")));
    }
}

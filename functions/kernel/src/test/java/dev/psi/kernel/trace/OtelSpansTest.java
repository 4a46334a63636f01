package dev.psi.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An event's span through a real OpenTelemetry SDK: the kernel's context is the exported span's. */
class OtelSpansTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final OtelSpans spans = new OtelSpans(OpenTelemetrySdk.builder().setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void shouldContinueTheEventsTraceparentInAnExportedSpan() {
        TraceContext inScope;
        TraceContext context;
        try (var span = spans.event("psi.sales-order.placed.v1", PARENT, "congo=t61rcWkgMzE")) {
            context = span.context();
            inScope = TraceContext.current();
        }
        assertEquals(context, inScope, "the kernel's context in scope is the span's");
        assertNull(TraceContext.current(), "closed: the outer (no) context again");
        assertEquals(1, exported.size());
        SpanData span = exported.get(0);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", span.getTraceId());
        assertEquals("00f067aa0ba902b7", span.getParentSpanId());
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-" + span.getSpanId() + "-01", context.traceparent());
        assertEquals("congo=t61rcWkgMzE", context.state());
    }

    @Test
    void shouldStartANewTraceForAnEventWithoutOne() {
        TraceContext context;
        try (var span = spans.event("x", "junk", null)) {
            context = span.context();
        }
        assertEquals(exported.get(0).getTraceId(), context.traceId());
        assertEquals(exported.get(0).getSpanId(), context.spanId());
    }
}

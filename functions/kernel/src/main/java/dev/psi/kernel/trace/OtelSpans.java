package dev.psi.kernel.trace;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Spans through OpenTelemetry (Micronaut's tracing module, exporter set by the {@code OTEL_*}
 * environment). The module's server filter starts each request's span as a child of its
 * {@code traceparent} header; an event's span is started here as a child of the CloudEvent's
 * {@code traceparent} extension. The kernel's {@link TraceContext} is then read from the current
 * span, so the traceparent stored in the outbox is the id of a span that is exported.
 */
@Singleton
@Requires(property = OtelSwitch.ENABLED, value = "true")
@Requires(beans = OpenTelemetry.class)
final class OtelSpans implements Spans {

    static final String INSTRUMENTATION = "dev.psi.kernel";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    OtelSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public TraceContext request(HttpRequest<?> request) {
        TraceContext server = of(Span.current().getSpanContext());
        if (server != null) {
            return server;
        }
        // a path the tracing module leaves out: the header's trace all the same
        var headers = request.getHeaders();
        return TraceContext.continuing(headers.get(TraceContext.TRACEPARENT), headers.get(TraceContext.TRACESTATE));
    }

    @Override
    public Scope event(String name, @Nullable String traceparent, @Nullable String tracestate) {
        Context parent = Context.current();
        if (TraceContext.parse(traceparent, tracestate) != null) {
            var carrier = new HashMap<String, String>();
            carrier.put(TraceContext.TRACEPARENT, traceparent);
            if (tracestate != null) {
                carrier.put(TraceContext.TRACESTATE, tracestate);
            }
            parent = propagator.extract(Context.root(), carrier, MAP);
        }
        Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan();
        var delivery = Span.current().getSpanContext();
        if (delivery.isValid() && !delivery.getTraceId().equals(span.getSpanContext().getTraceId())) {
            span.addLink(delivery);
        }
        TraceContext context = of(span.getSpanContext());
        var otelScope = parent.with(span).makeCurrent();
        var kernelScope = context.open();
        return new Scope() {
            @Override
            public TraceContext context() {
                return context;
            }

            @Override
            public void close() {
                kernelScope.close();
                otelScope.close();
                span.end();
            }
        };
    }

    /** The kernel's view of an OpenTelemetry span, written and read in the one W3C format; null when invalid. */
    static @Nullable TraceContext of(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        var carrier = new HashMap<String, String>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
        return TraceContext.parse(carrier.get(TraceContext.TRACEPARENT), carrier.get(TraceContext.TRACESTATE));
    }
}

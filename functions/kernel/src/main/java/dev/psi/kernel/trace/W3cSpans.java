package dev.psi.kernel.trace;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** Spans without OpenTelemetry (its export is off): the kernel's own W3C trace context, nothing recorded. */
@Singleton
@Requires(property = OtelSwitch.ENABLED, notEquals = "true")
final class W3cSpans implements Spans {

    @Override
    public TraceContext request(HttpRequest<?> request) {
        var headers = request.getHeaders();
        return TraceContext.continuing(headers.get(TraceContext.TRACEPARENT), headers.get(TraceContext.TRACESTATE));
    }

    @Override
    public Scope event(String name, @Nullable String traceparent, @Nullable String tracestate) {
        TraceContext parent = TraceContext.parse(traceparent, tracestate);
        TraceContext context = parent != null ? parent.child() : TraceContext.currentOrNew();
        var scope = context.open();
        return new Scope() {
            @Override
            public TraceContext context() {
                return context;
            }

            @Override
            public void close() {
                scope.close();
            }
        };
    }
}

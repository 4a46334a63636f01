package dev.psi.kernel.trace;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Every request is a span of the trace its {@code traceparent} header names, or of a new trace when
 * it has none (the edge): the context {@link Spans} gives is in scope for the controller and the
 * events it stores. {@code POST /events} narrows it to the span of the CloudEvent it receives.
 * After the tracing phase, so that with OpenTelemetry on the server span already exists.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class TraceFilter implements Ordered {

    private final Spans spans;

    TraceFilter(Spans spans) {
        this.spans = spans;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.after();
    }

    @RequestFilter
    void trace(HttpRequest<?> request, MutablePropagatedContext context) {
        context.add(spans.request(request));
    }
}

package dev.psi.kernel.trace;

import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every request is a span of the trace its {@code traceparent} header names, or of a new trace when
 * it has none (the edge): the context is in scope for the controller and the events it stores.
 * {@code POST /events} narrows it to the trace of the CloudEvent it receives.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class TraceFilter {

    @RequestFilter
    void trace(HttpRequest<?> request, MutablePropagatedContext context) {
        var headers = request.getHeaders();
        context.add(TraceContext.continuing(headers.get(TraceContext.TRACEPARENT), headers.get(TraceContext.TRACESTATE)));
    }
}

package dev.psi.kernel.trace;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

/**
 * The one owner of spans: who starts the span of a request or of an event, and so which
 * {@link TraceContext} is in scope for the logs, the outbox rows and the events that work emits.
 * Without OpenTelemetry ({@link W3cSpans}) the kernel mints the span ids itself; with it
 * ({@link OtelSpans}, switched on by the {@code OTEL_*} environment, see {@link OtelSwitch}) the
 * OpenTelemetry SDK does and the kernel's context is a view of the current OpenTelemetry span, so
 * both always name the same trace and span.
 */
public interface Spans {

    /** The context of serving {@code request}: a child of its {@code traceparent} header, or a new trace. */
    TraceContext request(HttpRequest<?> request);

    /**
     * Starts the span of handling one CloudEvent, named {@code name}: a child of the event's
     * {@code traceparent} extension, else of the span in scope, else a new trace. It is in scope
     * (and in the MDC) until the returned scope is closed, which ends it.
     */
    Scope event(String name, @Nullable String traceparent, @Nullable String tracestate);

    /** An open span; closing it ends the span and restores the outer context. */
    interface Scope extends AutoCloseable {
        /** The context of this span. */
        TraceContext context();

        @Override
        void close();
    }
}

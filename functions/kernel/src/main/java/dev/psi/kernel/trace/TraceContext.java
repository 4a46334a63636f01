package dev.psi.kernel.trace;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The W3C trace context (https://www.w3.org/TR/trace-context/) of the work at hand: the span of the
 * request or event being handled. Its {@code traceparent} goes into every event that work emits
 * (the CloudEvents distributed-tracing extension), so one order keeps one trace id across functions.
 *
 * <p>The current context travels in Micronaut's {@link PropagatedContext}, onto whatever thread runs
 * the work, and is in the MDC as {@code traceId} while it is in scope, so that every log line has it.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId  16 lower-case hex digits, not all zero: this span
 * @param flags   2 hex digits ({@code 01} = sampled)
 * @param state   the {@code tracestate} passed on unchanged, or null
 */
public record TraceContext(String traceId, String spanId, String flags, @Nullable String state)
        implements ThreadPropagatedContextElement<TraceContext> {

    /** The HTTP header, the CloudEvent extension and the outbox column. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    /** The MDC key logback.xml prints. */
    public static final String MDC_TRACE_ID = "traceId";

    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

    /**
     * The context of a valid {@code traceparent} (version 00, or a later one read as 00), or null
     * when the value is missing or invalid: the caller then starts a new trace.
     */
    public static @Nullable TraceContext parse(@Nullable String traceparent, @Nullable String tracestate) {
        if (traceparent == null) {
            return null;
        }
        var m = TRACEPARENT_FORMAT.matcher(traceparent.trim());
        if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && m.group(5) != null)
                || m.group(2).equals(ZERO_TRACE) || m.group(3).equals(ZERO_SPAN)) {
            return null;
        }
        String state = tracestate == null || tracestate.isBlank() ? null : tracestate.trim();
        return new TraceContext(m.group(2), m.group(3), m.group(4), state);
    }

    /** A new trace, for work that arrives without one. */
    public static TraceContext newTrace() {
        return new TraceContext(randomHex(16), randomHex(8), "01", null);
    }

    /**
     * The span of work caused by {@code parent} (same trace id, new span id), or a new trace when
     * there is no valid parent.
     */
    public static TraceContext continuing(@Nullable String traceparent, @Nullable String tracestate) {
        TraceContext parent = parse(traceparent, tracestate);
        return parent == null ? newTrace() : parent.child();
    }

    /** The context in scope on this thread, or null. */
    public static @Nullable TraceContext current() {
        return CURRENT.get();
    }

    /** The context in scope, or a new trace when none is (background work). */
    public static TraceContext currentOrNew() {
        TraceContext current = CURRENT.get();
        return current == null ? newTrace() : current;
    }

    /** Puts this context in scope, in place of any outer one, until the scope is closed. */
    public PropagatedContext.Scope open() {
        PropagatedContext context = PropagatedContext.getOrEmpty();
        return context.find(TraceContext.class).map(outer -> context.replace(outer, this))
                .orElseGet(() -> context.plus(this)).propagate();
    }

    /** Work run by {@link #within}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} with {@code trace} in scope (in place of the thread's own, restored after),
     * or as it is when {@code trace} is null: how one thread does work on behalf of several traces,
     * e.g. a batch applying each member's events under that member's trace.
     */
    public static <T, E extends Exception> T within(@Nullable TraceContext trace, Work<T, E> work) throws E {
        if (trace == null) {
            return work.run();
        }
        try (var scope = trace.open()) {
            return work.run();
        }
    }

    /** A new span of this trace. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), flags, state);
    }

    /** The {@code traceparent} value: {@code 00-<trace id>-<span id>-<flags>}, 55 characters. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public TraceContext updateThreadContext() {
        TraceContext previous = CURRENT.get();
        CURRENT.set(this);
        MDC.put(MDC_TRACE_ID, traceId);
        return previous;
    }

    @Override
    public void restoreThreadContext(TraceContext previous) {
        if (previous == null) {
            CURRENT.remove();
            MDC.remove(MDC_TRACE_ID);
        } else {
            CURRENT.set(previous);
            MDC.put(MDC_TRACE_ID, previous.traceId);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (isZero(random));
        return HEX.formatHex(random);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

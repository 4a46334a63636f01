package dev.psi.kernel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.psi.contract.events.EventType;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.trace.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void shouldContinueAValidTraceparentWithANewSpan() {
        var child = TraceContext.continuing(PARENT, "congo=t61rcWkgMzE");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", child.traceId());
        assertNotEquals("00f067aa0ba902b7", child.spanId());
        assertEquals("01", child.flags());
        assertEquals("congo=t61rcWkgMzE", child.state());
        assertEquals(55, child.traceparent().length());
    }

    @Test
    void shouldStartANewTraceForAMissingOrInvalidTraceparent() {
        assertNull(TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null));
        assertNull(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", null));
        assertNull(TraceContext.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null));
        assertNull(TraceContext.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", null));
        assertNull(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", null));
        assertNull(TraceContext.parse(null, null));
        assertNotEquals(TraceContext.continuing("junk", null).traceId(), TraceContext.continuing("junk", null).traceId());
    }

    @Test
    void shouldPutTheRowsTraceContextOnTheKafkaRecord() {
        var row = new OutboxRow(1, "t1", "e1", "psi.sales-order.placed.v1", "/psi/test", "psi.sales-orders", "SO-1",
                "SO-1", "{}", Instant.parse("2026-01-01T00:00:00Z"), PARENT, "congo=t61rcWkgMzE");
        var headers = KafkaPublisher.record(row).headers();
        assertEquals(PARENT, new String(headers.lastHeader("ce_traceparent").value(), StandardCharsets.UTF_8));
        assertEquals("congo=t61rcWkgMzE", new String(headers.lastHeader("ce_tracestate").value(), StandardCharsets.UTF_8));

        var untraced = new OutboxRow(2, "t1", "e2", "psi.sales-order.placed.v1", "/psi/test", "psi.sales-orders", "SO-1",
                "SO-1", "{}", Instant.parse("2026-01-01T00:00:00Z"), null, null);
        assertNull(KafkaPublisher.record(untraced).headers().lastHeader("ce_traceparent"));
    }

    @Test
    void shouldRunAnEventsWorkInItsOwnTraceAndRestoreTheThreads() {
        var thread = TraceContext.newTrace();
        var member = TraceContext.continuing(PARENT, null);
        var event = new InboundEvent("e1", EventType.SALES_ORDER_PLACED, "/psi/test", new TenantId("t1"), null,
                Instant.parse("2026-01-01T00:00:00Z"));
        assertNull(event.trace());
        try (var scope = thread.open()) {
            assertEquals(member, event.withTrace(member).inTrace(TraceContext::current));
            assertEquals(thread, TraceContext.current(), "the thread's trace again after the member's work");
            assertEquals(thread, event.inTrace(TraceContext::current), "no trace of its own: the thread's");
        }
        assertNull(TraceContext.current());
    }
}

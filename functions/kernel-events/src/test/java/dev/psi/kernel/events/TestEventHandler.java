package dev.psi.kernel.events;

import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.audit.AuditLog;
import dev.psi.kernel.db.Tx;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import org.slf4j.MDC;

/**
 * The consumer of the kernel's test context. Its effect is an audit row per applied event, written
 * in the inbox transaction, with the MDC it saw: counting those rows counts applications.
 */
@Singleton
@Requires(property = TestEventHandler.ENABLED, notEquals = "false")
final class TestEventHandler implements EventHandler {

    /** Set to false for a context that is a function without a consumer. */
    static final String ENABLED = "psi.test.event-handler";
    static final String CONSUMER = "kernel-test";
    static final String ACTION = "test-event-applied";

    private final AuditLog audit;
    private final EventRoutes routes = EventRoutes.builder().on(SalesOrderEvents.Placed.class, this::apply).build();

    TestEventHandler(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }

    private void apply(Tx tx, InboundEvent event, SalesOrderEvents.Placed placed) throws SQLException {
        switch (placed.customerCode()) {
            case "REJECT" -> throw new PermanentEventFailure(ProblemType.NOT_FOUND, "customer REJECT does not exist");
            case "BOOM" -> throw new IllegalStateException("a bug in the handler");
            default -> {
            }
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("eventId", event.id());
        details.put("mdcEventId", MDC.get("ce_id"));
        details.put("mdcOrder", MDC.get("order"));
        audit.record(tx, event.tenant(), ACTION, "sales-order", placed.orderNumber(), details);
    }
}

package dev.psi.security;

import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventGuard;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.PermanentEventFailure;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * Tenant isolation below HTTP: an order event is applied only when its tenant ({@code ce-tenantid})
 * owns the order it names. An event for an order of another tenant, or for no order at all, is
 * refused (400, so the sender dead-letters it) and changes nothing: stock is never reserved,
 * issued or received for an order that does not exist in the event's tenant. Stock events name
 * orders too; their consumer (order-workflow) looks the order up by tenant and number itself.
 */
@Singleton
@Requires(classes = EventGuard.class)
final class EventTenancy implements EventGuard {

    @Override
    public void check(Tx tx, InboundEvent event) throws SQLException {
        String table = switch (aggregate(event.type().type())) {
            case "sales-order" -> "sales_orders";
            case "purchase-order" -> "purchase_orders";
            default -> null;
        };
        if (table != null && tx.count("SELECT COUNT(*) AS n FROM " + table + " WHERE tenant_id = ? AND number = ?",
                event.tenant().value(), event.aggregateId()) == 0) {
            throw new PermanentEventFailure(ProblemType.NOT_FOUND, event.type().type() + " names order '"
                    + event.aggregateId() + "', which tenant '" + event.tenant().value() + "' does not have");
        }
    }

    /** {@code psi.<aggregate>.<fact>.v<N>} → aggregate. */
    private static String aggregate(String type) {
        String[] parts = type.split("\\.");
        return parts.length > 1 ? parts[1] : "";
    }
}

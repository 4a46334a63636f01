package dev.psi.order.workflow.store;

import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.domain.OrderLineState;
import java.util.List;

/** An order locked for a change: its header facts and its lines. */
public record OrderRecord(Kind kind, long id, String number, String status, String warehouseCode, List<OrderLineState> lines) {

    public boolean everythingDone() {
        return lines.stream().allMatch(OrderLineState::complete);
    }

    public boolean anythingDoneOrInFlight() {
        return lines.stream().anyMatch(l -> l.done().signum() > 0 || l.pending().signum() > 0);
    }

    public OrderLineState line(String sku) {
        return lines.stream().filter(l -> l.sku().equalsIgnoreCase(sku)).findFirst().orElse(null);
    }
}

package dev.psi.order.workflow.domain;

import dev.psi.contract.order.OrderStatus.Purchase;
import dev.psi.contract.order.OrderStatus.Sales;
import java.util.List;

/** An order as a change sees it (locked): its kind, state, warehouse and lines. */
public record Order(Kind kind, long id, String number, Enum<?> status, String warehouseCode, List<OrderLineState> lines) {

    public Order {
        if (!(kind == Kind.SALES ? status instanceof Sales : status instanceof Purchase)) {
            throw new IllegalArgumentException(status + " is not a state of a " + kind.what().toLowerCase());
        }
        lines = List.copyOf(lines);
    }

    public Sales sales() {
        return (Sales) status;
    }

    public Purchase purchase() {
        return (Purchase) status;
    }

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

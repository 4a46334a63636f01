package dev.psi.order.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.order.OrderStatus.Purchase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PurchaseOrderMachineTest {

    @Test
    void shouldReceiveOnlyASubmittedOrPartlyReceivedOrder() {
        assertDoesNotThrow(() -> PurchaseOrderMachine.requireReceivable("PO-1", Purchase.SUBMITTED));
        assertDoesNotThrow(() -> PurchaseOrderMachine.requireReceivable("PO-1", Purchase.PARTIALLY_RECEIVED));
        assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.requireReceivable("PO-1", Purchase.RECEIVED));
        assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.requireReceivable("PO-1", Purchase.CANCELLED));
    }

    @Test
    void shouldCancelOnlyASubmittedOrderWithNothingReceivedOrInFlight() {
        assertEquals(Purchase.CANCELLED, PurchaseOrderMachine.cancel("PO-1", Purchase.SUBMITTED, false));
        var inFlight = assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.cancel("PO-1", Purchase.SUBMITTED, true));
        assertTrue(inFlight.getMessage().contains("receipt in flight"), inFlight.getMessage());
        assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.cancel("PO-1", Purchase.PARTIALLY_RECEIVED, true));
        assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.cancel("PO-1", Purchase.CANCELLED, false));
    }

    @Test
    void shouldReturnGoodsOnlyOfAnOrderThatReceivedSome() {
        assertDoesNotThrow(() -> PurchaseOrderMachine.requireReturnable("PO-1", Purchase.PARTIALLY_RECEIVED));
        assertDoesNotThrow(() -> PurchaseOrderMachine.requireReturnable("PO-1", Purchase.RECEIVED));
        assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.requireReturnable("PO-1", Purchase.SUBMITTED));
        assertThrows(IllegalTransition.class, () -> PurchaseOrderMachine.requireReturnable("PO-1", Purchase.CANCELLED));
    }

    @Test
    void shouldMoveToPartlyReceivedThenReceivedAsGoodsComeIn() {
        assertEquals(Optional.of(Purchase.PARTIALLY_RECEIVED), PurchaseOrderMachine.onReceived(Purchase.SUBMITTED, false));
        assertEquals(Optional.of(Purchase.RECEIVED), PurchaseOrderMachine.onReceived(Purchase.SUBMITTED, true));
        assertEquals(Optional.empty(), PurchaseOrderMachine.onReceived(Purchase.PARTIALLY_RECEIVED, false));
        assertEquals(Optional.of(Purchase.RECEIVED), PurchaseOrderMachine.onReceived(Purchase.PARTIALLY_RECEIVED, true));
        assertEquals(Optional.empty(), PurchaseOrderMachine.onReceived(Purchase.CANCELLED, true), "a late receipt changes nothing");
    }
}

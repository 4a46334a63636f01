package dev.psi.order.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.order.OrderStatus.Sales;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesOrderMachineTest {

    @Test
    void shouldShipOnlyAConfirmedOrPartlyShippedOrder() {
        for (Sales status : Sales.values()) {
            boolean shippable = status == Sales.CONFIRMED || status == Sales.PARTIALLY_SHIPPED;
            if (shippable) {
                assertDoesNotThrow(() -> SalesOrderMachine.requireShippable("SO-1", status), status.name());
            } else {
                var refused = assertThrows(IllegalTransition.class, () -> SalesOrderMachine.requireShippable("SO-1", status));
                assertTrue(refused.getMessage().contains(status.name()), refused.getMessage());
            }
        }
    }

    @Test
    void shouldCancelAPlacedOrConfirmedOrderWithNothingShippedOrInFlight() {
        assertEquals(Sales.CANCELLING, SalesOrderMachine.cancel("SO-1", Sales.PLACED, false));
        assertEquals(Sales.CANCELLING, SalesOrderMachine.cancel("SO-1", Sales.CONFIRMED, false));
        for (Sales status : EnumSet.complementOf(EnumSet.of(Sales.PLACED, Sales.CONFIRMED))) {
            assertThrows(IllegalTransition.class, () -> SalesOrderMachine.cancel("SO-1", status, false), status.name());
        }
    }

    @Test
    void shouldRefuseToCancelAConfirmedOrderWhoseShipmentIsInFlight() {
        var refused = assertThrows(IllegalTransition.class, () -> SalesOrderMachine.cancel("SO-1", Sales.CONFIRMED, true));

        assertTrue(refused.getMessage().contains("shipment in flight"), refused.getMessage());
    }

    @Test
    void shouldTakeBackGoodsOnlyOfAnOrderThatShippedSome() {
        assertDoesNotThrow(() -> SalesOrderMachine.requireReturnable("SO-1", Sales.PARTIALLY_SHIPPED));
        assertDoesNotThrow(() -> SalesOrderMachine.requireReturnable("SO-1", Sales.SHIPPED));
        for (Sales status : EnumSet.complementOf(EnumSet.of(Sales.PARTIALLY_SHIPPED, Sales.SHIPPED))) {
            assertThrows(IllegalTransition.class, () -> SalesOrderMachine.requireReturnable("SO-1", status), status.name());
        }
    }

    @Test
    void shouldConfirmOrRejectOnlyAPlacedOrder() {
        assertEquals(Optional.of(Sales.CONFIRMED), SalesOrderMachine.onReserved(Sales.PLACED));
        assertEquals(Optional.of(Sales.REJECTED), SalesOrderMachine.onReservationRejected(Sales.PLACED));
        assertEquals(Optional.empty(), SalesOrderMachine.onReserved(Sales.CANCELLING), "a late reservation changes nothing");
        assertEquals(Optional.empty(), SalesOrderMachine.onReservationRejected(Sales.CONFIRMED));
    }

    @Test
    void shouldMoveToPartlyShippedThenShippedAsStockIsIssued() {
        assertEquals(Optional.of(Sales.PARTIALLY_SHIPPED), SalesOrderMachine.onIssued(Sales.CONFIRMED, false));
        assertEquals(Optional.of(Sales.SHIPPED), SalesOrderMachine.onIssued(Sales.CONFIRMED, true));
        assertEquals(Optional.empty(), SalesOrderMachine.onIssued(Sales.PARTIALLY_SHIPPED, false), "no change, no entry");
        assertEquals(Optional.of(Sales.SHIPPED), SalesOrderMachine.onIssued(Sales.PARTIALLY_SHIPPED, true));
        assertEquals(Optional.empty(), SalesOrderMachine.onIssued(Sales.CANCELLED, true));
    }

    @Test
    void shouldBecomeCancelledOnlyFromCancellingWhenTheReservationIsReleased() {
        assertEquals(Optional.of(Sales.CANCELLED), SalesOrderMachine.onReleased(Sales.CANCELLING));
        assertEquals(Optional.empty(), SalesOrderMachine.onReleased(Sales.CONFIRMED));
    }
}

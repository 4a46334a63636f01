package dev.psi.order.workflow.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinePlanTest {

    /** A line of {@code quantity} of which {@code done} is done and {@code pending} in flight. */
    private static OrderLineState line(int no, String sku, String quantity, String done, String pending) {
        return new OrderLineState(no, no, sku, new BigDecimal(quantity), BigDecimal.TEN, new BigDecimal(done),
                BigDecimal.ZERO, new BigDecimal(pending), BigDecimal.ZERO, BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO);
    }

    private static final OrderLineState A = line(1, "A", "5", "1", "2");
    private static final OrderLineState B = line(2, "B", "3", "3", "0");
    private static final OrderLineState C = line(3, "C", "4", "0", "0");

    private static LinePlan.Requested wants(String sku, String quantity) {
        return new LinePlan.Requested(sku, new BigDecimal(quantity));
    }

    /** The planned quantities as plain numbers, whatever their scale. */
    private static Map<OrderLineState, String> plain(LinePlan.Result plan) {
        var plain = new java.util.HashMap<OrderLineState, String>();
        plan.quantities().forEach((line, quantity) -> plain.put(line, quantity.stripTrailingZeros().toPlainString()));
        return plain;
    }

    @Test
    void shouldPlanAllThatIsOpenForTheRestSkippingDoneLines() {
        var plan = LinePlan.rest(List.of(A, B, C), line -> line.open(BigDecimal.ZERO), "shipped");

        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(Map.of(A, "2", C, "4"), plain(plan));
    }

    @Test
    void shouldSayNothingIsLeftWhenEveryLineIsDoneOrInFlight() {
        var plan = LinePlan.rest(List.of(B), line -> line.open(BigDecimal.ZERO), "shipped");

        assertFalse(plan.ok());
        assertEquals(List.of(new LinePlan.Problem("lines", "nothing is left to be shipped")), plan.problems());
    }

    @Test
    void shouldRefuseAnEmptyListInsteadOfReadingItAsTheRest() {
        var plan = LinePlan.of(List.of(A, C), List.of(), line -> line.open(BigDecimal.ZERO), "received");

        assertFalse(plan.ok());
        assertTrue(plan.quantities().isEmpty(), "nothing planned");
        assertEquals("lines", plan.problems().get(0).field());
        assertTrue(plan.problems().get(0).message().startsWith("must not be empty"), plan.problems().toString());
    }

    @Test
    void shouldTakeRequestedQuantitiesUpToWhatEachLineAllowsMatchingSkusInAnyCase() {
        var plan = LinePlan.of(List.of(A, C), List.of(wants("a", "2"), wants("C", "1.5")),
                line -> line.open(BigDecimal.ZERO), "shipped");

        assertTrue(plan.ok(), plan.problems().toString());
        assertEquals(Map.of(A, "2", C, "1.5"), plain(plan));
    }

    @Test
    void shouldNameEachBadLineByItsIndex() {
        var plan = LinePlan.of(List.of(A, C), List.of(wants("A", "3"), wants("Z", "1"), wants("C", "1"), wants("c", "1")),
                line -> line.open(BigDecimal.ZERO), "shipped");

        assertEquals(List.of(
                new LinePlan.Problem("lines[0].quantity", "at most 2 of 'A' can be shipped now"),
                new LinePlan.Problem("lines[1].sku", "SKU 'Z' is not on this order"),
                new LinePlan.Problem("lines[3].sku", "SKU 'c' appears twice")), plan.problems());
    }

    @Test
    void shouldAllowOverReceiptUpToTheTolerance() {
        var plan = LinePlan.of(List.of(C), List.of(wants("C", "4.4")), line -> line.open(BigDecimal.TEN), "received");

        assertTrue(plan.ok(), "4 ordered, 10 % tolerance: 4.4 may come: " + plan.problems());
        assertFalse(LinePlan.of(List.of(C), List.of(wants("C", "4.41")), line -> line.open(BigDecimal.TEN), "received").ok());
    }
}

package dev.psi.finance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.kernel.pricing.OrderPricing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinanceRulesTest {

    private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");

    @Test
    void shouldPutEachAgeInItsBucketAtTheBoundaries() {
        assertEquals(AgingBucket.DAYS_0_30, AgingBucket.of(AS_OF, AS_OF));
        assertEquals(AgingBucket.DAYS_0_30, AgingBucket.of(AS_OF.minusDays(30), AS_OF));
        assertEquals(AgingBucket.DAYS_31_60, AgingBucket.of(AS_OF.minusDays(31), AS_OF));
        assertEquals(AgingBucket.DAYS_31_60, AgingBucket.of(AS_OF.minusDays(60), AS_OF));
        assertEquals(AgingBucket.DAYS_61_90, AgingBucket.of(AS_OF.minusDays(61), AS_OF));
        assertEquals(AgingBucket.DAYS_61_90, AgingBucket.of(AS_OF.minusDays(90), AS_OF));
        assertEquals(AgingBucket.OVER_90, AgingBucket.of(AS_OF.minusDays(91), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> AgingBucket.of(AS_OF.plusDays(1), AS_OF));
    }

    @Test
    void shouldOweTheWholeGrossForAWholeLineAndAShareInCentsForPartOfIt() {
        // a line of 3 at a gross 57.02 (after discounts, with tax): all of it, then 1 and 2 of the 3
        assertEquals(new BigDecimal("57.02"), OrderPricing.share(new BigDecimal("57.02"), new BigDecimal("3"), new BigDecimal("3")));
        assertEquals(new BigDecimal("19.01"), OrderPricing.share(new BigDecimal("57.02"), new BigDecimal("1"), new BigDecimal("3")));
        assertEquals(new BigDecimal("38.01"), OrderPricing.share(new BigDecimal("57.02"), new BigDecimal("2"), new BigDecimal("3")));
        // half up to cents: 0.0015 of 10 units at 10.00
        assertEquals(new BigDecimal("0.02"), OrderPricing.share(new BigDecimal("100.00"), new BigDecimal("0.0015"), new BigDecimal("10")));
        assertEquals(new BigDecimal("0.01"), OrderPricing.share(new BigDecimal("100.00"), new BigDecimal("0.0014"), new BigDecimal("10")));
        assertEquals(new BigDecimal("19.0067"), Money.unitPrice(new BigDecimal("57.02"), new BigDecimal("3")));
    }

    @Test
    void shouldRefuseAllocationsAboveTheAmountAndTheSameDocumentTwice() {
        var ok = AllocationRules.check(new BigDecimal("100"), List.of(
                new AllocationRules.Requested("INV-1", new BigDecimal("60")),
                new AllocationRules.Requested("INV-2", new BigDecimal("40"))));
        var over = AllocationRules.check(new BigDecimal("100"), List.of(
                new AllocationRules.Requested("INV-1", new BigDecimal("60")),
                new AllocationRules.Requested("inv-1", new BigDecimal("40.01"))));

        assertEquals(List.of(), ok);
        assertEquals(List.of("allocations[1].documentNumber", "allocations"),
                over.stream().map(AllocationRules.Violation::field).toList());
    }

    @Test
    void shouldRunTheBalanceInDateOrder() {
        var lines = RunningBalance.of(new BigDecimal("10"), List.of(
                new RunningBalance.Entry<>(LocalDate.parse("2026-03-05"), 2, BigDecimal.ZERO, new BigDecimal("4"), "receipt"),
                new RunningBalance.Entry<>(LocalDate.parse("2026-03-05"), 1, new BigDecimal("7"), BigDecimal.ZERO, "invoice"),
                new RunningBalance.Entry<>(LocalDate.parse("2026-03-01"), 9, BigDecimal.ZERO, new BigDecimal("3"), "note")));

        assertEquals(List.of("note", "invoice", "receipt"), lines.stream().map(l -> l.entry().item()).toList());
        assertEquals(List.of(new BigDecimal("7"), new BigDecimal("14"), new BigDecimal("10")),
                lines.stream().map(RunningBalance.Line::balance).toList());
    }
}

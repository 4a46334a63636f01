package dev.psi.kernel.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.kernel.pricing.OrderPricing.DocumentDiscount;
import dev.psi.kernel.pricing.OrderPricing.LineInput;
import dev.psi.kernel.pricing.OrderPricing.PricedLine;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every figure below is computed by hand from the rules in {@link OrderPricing}'s javadoc. */
class OrderPricingTest {

    /** 3 × 19.99 at 13 % less 10 %; 2 × 7.25 at 5 % less 1.50; 1 × 10.00 at 0 %. Line amounts 53.97, 13.00, 10.00 (Σ 76.97). */
    private static final List<LineInput> MIXED = List.of(
            line("3", "19.99", "13", "10", null),
            line("2", "7.25", "5", null, "1.50"),
            line("1", "10.00", "0", null, null));

    @Test
    void shouldPriceTaxExclusiveLinesWithBothDiscounts() {
        // Document discount 5.00: shares 5 × 13/76.97 = 0.84, 5 × 10/76.97 = 0.65, the largest line the rest 3.51.
        var result = OrderPricing.price(MIXED, new DocumentDiscount(null, d("5.00")), false);

        assertTrue(result.ok(), result.problems().toString());
        assertLine(result.lines().get(0), "6.00", "3.51", "50.46", "6.56", "57.02", "16.820000");
        assertLine(result.lines().get(1), "1.50", "0.84", "12.16", "0.61", "12.77", "6.080000");
        assertLine(result.lines().get(2), "0.00", "0.65", "9.35", "0.00", "9.35", "9.350000");
        assertEquals(d("5.00"), result.totals().documentDiscount());
        assertEquals(d("71.97"), result.totals().netAmount());
        assertEquals(d("7.17"), result.totals().taxAmount());
        assertEquals(d("79.14"), result.totals().grossAmount());
    }

    @Test
    void shouldDeriveNetFromGrossPerLineWhenPricesIncludeTax() {
        // Document discount 5 % of 76.97 = 3.85: shares 0.65, 0.50, the largest line 2.70.
        // Gross 51.27, 12.35, 9.50; net 51.27 × 100/113 = 45.37, 12.35 / 1.05 = 11.76, 9.50.
        var result = OrderPricing.price(MIXED, new DocumentDiscount(d("5"), null), true);

        assertTrue(result.ok(), result.problems().toString());
        assertLine(result.lines().get(0), "6.00", "2.70", "45.37", "5.90", "51.27", "15.123333");
        assertLine(result.lines().get(1), "1.50", "0.65", "11.76", "0.59", "12.35", "5.880000");
        assertLine(result.lines().get(2), "0.00", "0.50", "9.50", "0.00", "9.50", "9.500000");
        assertEquals(d("3.85"), result.totals().documentDiscount());
        assertEquals(d("66.63"), result.totals().netAmount());
        assertEquals(d("6.49"), result.totals().taxAmount());
        assertEquals(d("73.12"), result.totals().grossAmount());
    }

    @Test
    void shouldKeepPlainOrdersAtQuantityTimesPrice() {
        var result = OrderPricing.price(List.of(line("2", "12.50", "0", null, null), line("1", "2.75", "0", null, null)),
                DocumentDiscount.NONE, false);

        assertEquals(d("27.75"), result.totals().grossAmount());
        assertEquals(d("27.75"), result.totals().netAmount());
        assertEquals(d("0.00"), result.totals().taxAmount());
    }

    @Test
    void shouldPutTheRoundingRemainderOnTheLargestLine() {
        // 1.00 over three equal lines: 0.33 each on the later two, 0.34 on the first (largest, first of equals).
        var shares = OrderPricing.allocate(d("1.00"), List.of(d("10.00"), d("10.00"), d("10.00")));

        assertEquals(List.of(d("0.34"), d("0.33"), d("0.33")), shares);
    }

    @Test
    void shouldAllowADiscountOfTheWholeAmount() {
        var result = OrderPricing.price(List.of(line("1", "9.99", "13", null, "9.99")), DocumentDiscount.NONE, false);

        assertTrue(result.ok());
        assertEquals(d("0.00"), result.totals().grossAmount());
    }

    @Test
    void shouldNameEveryBrokenRuleAndPriceNothing() {
        var result = OrderPricing.price(List.of(
                        line("1", "10.00", "101", null, null),
                        line("1", "10.00", "-1", "5", "1.00"),
                        line("1", "10.00", "0", "100.01", null),
                        line("1", "10.00", "0", null, "10.01"),
                        line("1", "10.00", "0", null, "-0.01")),
                new DocumentDiscount(null, d("50.01")), false);

        assertFalse(result.ok());
        assertNull(result.lines());
        var fields = result.problems().stream().map(OrderPricing.Problem::field).toList();
        assertEquals(List.of("lines[0].taxRate", "lines[1].taxRate", "lines[1].discountAmount",
                "lines[2].discountPercent", "lines[3].discountAmount", "lines[4].discountAmount", "discountAmount"), fields);
    }

    @Test
    void shouldRefuseBothDocumentDiscounts() {
        var result = OrderPricing.price(MIXED, new DocumentDiscount(d("1"), d("1.00")), false);

        assertEquals(List.of(new OrderPricing.Problem("discountAmount", "give discountPercent or discountAmount, not both")),
                result.problems());
    }

    private static void assertLine(PricedLine line, String lineDiscount, String share, String net, String tax,
                                   String gross, String netUnit) {
        assertEquals(d(lineDiscount), line.lineDiscount(), "line discount");
        assertEquals(d(share), line.documentDiscount(), "share of the document discount");
        assertEquals(d(net), line.netAmount(), "net");
        assertEquals(d(tax), line.taxAmount(), "tax");
        assertEquals(d(gross), line.grossAmount(), "gross");
        assertEquals(d(netUnit), line.netUnitPrice(), "net unit price");
    }

    private static LineInput line(String quantity, String price, String rate, String percent, String amount) {
        return new LineInput(d(quantity), d(price), d(rate), percent == null ? null : d(percent),
                amount == null ? null : d(amount));
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}

package dev.psi.kernel.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic of an order's prices, discounts and taxes; pure, no framework, so that every
 * figure an order shows is computed here and nowhere else. All money is rounded to cents
 * {@link RoundingMode#HALF_UP HALF_UP}, per line, in this order:
 *
 * <ol>
 *   <li><b>line amount</b> = round(quantity × unitPrice, 2) − line discount, where the line discount
 *       is round(round(quantity × unitPrice, 2) × discountPercent / 100, 2) or the discountAmount
 *       given (not both; at most the line's own amount);</li>
 *   <li><b>document discount</b> = round(Σ line amounts × discountPercent / 100, 2) or the
 *       discountAmount given (not both; at most Σ line amounts); it is allocated to the lines pro rata
 *       to their line amounts, each share round(D × line amount / Σ line amounts, 2), and the
 *       rounding remainder goes to the largest line (the first of equal ones), so the shares add up
 *       to D exactly;</li>
 *   <li>tax-exclusive prices: <b>net</b> = line amount − its share; <b>tax</b> = round(net × taxRate / 100, 2);
 *       <b>gross</b> = net + tax;</li>
 *   <li>tax-inclusive prices: <b>gross</b> = line amount − its share; <b>net</b> =
 *       round(gross × 100 / (100 + taxRate), 2); <b>tax</b> = gross − net;</li>
 *   <li><b>net unit price</b> = net / quantity, at 6 decimals (what a receipt raises the moving average
 *       cost by: input tax is not a cost);</li>
 *   <li>the order's net, tax and gross are the sums of its lines' (never recomputed from the totals).</li>
 * </ol>
 *
 * Rates are percentages from 0 to 100. Anything that breaks these rules comes back as a
 * {@link Problem} naming the request field, and no figures.
 */
public final class OrderPricing {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private OrderPricing() {
    }

    /**
     * What {@code moved} of a line of {@code lineQuantity} that amounts to {@code lineAmount} comes to: the whole
     * amount (in cents) when the whole line moved, else round(lineAmount × moved / lineQuantity, 2) HALF_UP. What a
     * shipment, receipt or return of part of a line is invoiced at (finance) and what its printed invoice shows
     * (order-workflow): the one rule for both.
     */
    public static BigDecimal share(BigDecimal lineAmount, BigDecimal moved, BigDecimal lineQuantity) {
        if (moved.compareTo(lineQuantity) == 0) {
            return lineAmount.setScale(2, RoundingMode.HALF_UP);
        }
        return lineAmount.multiply(moved).divide(lineQuantity, 2, RoundingMode.HALF_UP);
    }

    /** One requested line; a null discount is none. */
    public record LineInput(BigDecimal quantity, BigDecimal unitPrice, BigDecimal taxRate,
                            BigDecimal discountPercent, BigDecimal discountAmount) {
    }

    /** The document discount; both null is none. */
    public record DocumentDiscount(BigDecimal percent, BigDecimal amount) {
        public static final DocumentDiscount NONE = new DocumentDiscount(null, null);
    }

    /** A line's figures: its own discount, its share of the document discount, net, tax, gross. */
    public record PricedLine(BigDecimal taxRate, BigDecimal lineDiscount, BigDecimal documentDiscount,
                             BigDecimal netAmount, BigDecimal taxAmount, BigDecimal grossAmount,
                             BigDecimal netUnitPrice) {
    }

    /** The order's figures: the lines' sums, and the document discount in money. */
    public record Totals(BigDecimal documentDiscount, BigDecimal netAmount, BigDecimal taxAmount, BigDecimal grossAmount) {
    }

    /** A rule broken, by the request field it concerns ({@code lines[1].discountAmount}, {@code discountPercent}). */
    public record Problem(String field, String message) {
    }

    /** The figures, or the problems (then lines and totals are null). */
    public record Result(List<PricedLine> lines, Totals totals, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result price(List<LineInput> inputs, DocumentDiscount document, boolean pricesIncludeTax) {
        var problems = new ArrayList<Problem>();
        var amounts = new ArrayList<BigDecimal>();
        var lineDiscounts = new ArrayList<BigDecimal>();
        for (int i = 0; i < inputs.size(); i++) {
            var in = inputs.get(i);
            String at = "lines[" + i + "].";
            rate(at + "taxRate", in.taxRate(), problems);
            BigDecimal base = in.quantity().multiply(in.unitPrice()).setScale(2, RoundingMode.HALF_UP);
            BigDecimal discount = discount(at, base, in.discountPercent(), in.discountAmount(), "the line amount", problems);
            lineDiscounts.add(discount);
            amounts.add(base.subtract(discount));
        }
        BigDecimal sum = amounts.stream().reduce(ZERO, BigDecimal::add);
        BigDecimal documentDiscount = discount("", sum, document.percent(), document.amount(),
                "the sum of the line amounts", problems);
        if (!problems.isEmpty()) {
            return new Result(null, null, List.copyOf(problems));
        }
        List<BigDecimal> shares = allocate(documentDiscount, amounts);
        var lines = new ArrayList<PricedLine>();
        BigDecimal net = ZERO;
        BigDecimal tax = ZERO;
        BigDecimal gross = ZERO;
        for (int i = 0; i < inputs.size(); i++) {
            var in = inputs.get(i);
            BigDecimal rate = in.taxRate();
            BigDecimal after = amounts.get(i).subtract(shares.get(i));
            BigDecimal lineNet;
            BigDecimal lineTax;
            if (pricesIncludeTax) {
                lineNet = after.multiply(HUNDRED).divide(HUNDRED.add(rate), 2, RoundingMode.HALF_UP);
                lineTax = after.subtract(lineNet);
            } else {
                lineNet = after;
                lineTax = after.multiply(rate).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            }
            BigDecimal lineGross = lineNet.add(lineTax);
            BigDecimal unit = lineNet.divide(in.quantity(), 6, RoundingMode.HALF_UP);
            lines.add(new PricedLine(rate, lineDiscounts.get(i), shares.get(i), lineNet, lineTax, lineGross, unit));
            net = net.add(lineNet);
            tax = tax.add(lineTax);
            gross = gross.add(lineGross);
        }
        return new Result(List.copyOf(lines), new Totals(documentDiscount, net, tax, gross), List.of());
    }

    /**
     * {@code total} split pro rata to {@code amounts}, each share rounded to cents, the remainder on
     * the largest amount (the first of equal ones): the shares always add up to {@code total}.
     */
    static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> amounts) {
        BigDecimal sum = amounts.stream().reduce(ZERO, BigDecimal::add);
        var shares = new ArrayList<BigDecimal>();
        if (total.signum() == 0 || sum.signum() == 0) {
            amounts.forEach(a -> shares.add(ZERO));
            return shares;
        }
        int largest = 0;
        for (int i = 1; i < amounts.size(); i++) {
            if (amounts.get(i).compareTo(amounts.get(largest)) > 0) {
                largest = i;
            }
        }
        BigDecimal others = ZERO;
        for (int i = 0; i < amounts.size(); i++) {
            BigDecimal share = i == largest ? ZERO
                    : total.multiply(amounts.get(i)).divide(sum, 2, RoundingMode.HALF_UP);
            shares.add(share);
            others = others.add(share);
        }
        shares.set(largest, total.subtract(others));
        return shares;
    }

    private static BigDecimal discount(String at, BigDecimal base, BigDecimal percent, BigDecimal amount, String what,
                                       List<Problem> problems) {
        if (percent != null && amount != null) {
            problems.add(new Problem(at + "discountAmount", "give discountPercent or discountAmount, not both"));
            return ZERO;
        }
        if (percent != null) {
            if (rate(at + "discountPercent", percent, problems)) {
                return base.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            }
            return ZERO;
        }
        if (amount != null) {
            if (amount.signum() < 0) {
                problems.add(new Problem(at + "discountAmount", "must be 0 or more"));
                return ZERO;
            }
            if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
                problems.add(new Problem(at + "discountAmount", "must have at most 2 decimals"));
                return ZERO;
            }
            if (amount.compareTo(base) > 0) {
                problems.add(new Problem(at + "discountAmount", "must not be above " + what + " "
                        + base.toPlainString()));
                return ZERO;
            }
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        }
        return ZERO;
    }

    private static boolean rate(String field, BigDecimal rate, List<Problem> problems) {
        if (rate == null || rate.signum() < 0 || rate.compareTo(HUNDRED) > 0) {
            problems.add(new Problem(field, "must be between 0 and 100"));
            return false;
        }
        return true;
    }
}

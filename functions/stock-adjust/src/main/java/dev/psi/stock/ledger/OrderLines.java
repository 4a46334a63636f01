package dev.psi.stock.ledger;

import dev.psi.contract.events.Lines;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.web.ProblemException;
import dev.psi.stock.domain.Shortage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lines of order events as stock-adjust reads and answers them. */
public final class OrderLines {

    private OrderLines() {
    }

    /** Quantity per SKU, repeated SKUs added up; every quantity must be positive. */
    public static Map<String, BigDecimal> merge(List<Lines.Quantity> lines) {
        var merged = new LinkedHashMap<String, BigDecimal>();
        for (var line : lines) {
            requirePositive(line.sku(), line.quantity());
            merged.merge(line.sku(), line.quantity(), BigDecimal::add);
        }
        return merged;
    }

    public static void requirePositive(String sku, BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0) {
            throw ProblemException.invalid("lines", "quantity of " + sku + " must be positive");
        }
    }

    public static List<Lines.Short> shortLines(List<Shortage> shortages) {
        return shortages.stream().map(s -> new Lines.Short(s.sku(), s.requested(), s.available())).toList();
    }

    public static List<Lines.Quantity> quantities(List<Lines.Taxed> lines) {
        return lines.stream().map(l -> new Lines.Quantity(l.sku(), l.quantity())).toList();
    }

    /**
     * A receipt's lines at the price that enters the moving-average cost: the net unit price (input
     * tax is not a cost; discounts lower the cost), else, in an event written before taxes, the unit price.
     */
    public static List<Lines.Priced> atNetPrices(List<Lines.Taxed> lines) {
        return lines.stream().map(l -> new Lines.Priced(l.sku(), l.quantity(),
                l.netUnitPrice() != null ? l.netUnitPrice() : l.unitPrice())).toList();
    }

    /**
     * The net unit price per SKU that a sales order's issues are priced at (the revenue they book):
     * the line's net unit price, else (an event written before taxes) its unit price; a SKU on several
     * lines gets their quantity-weighted average to six decimals, a SKU with an unpriced line none.
     */
    public static Map<String, BigDecimal> netUnitPrices(List<Lines.Taxed> lines) {
        var quantities = new LinkedHashMap<String, BigDecimal>();
        var amounts = new LinkedHashMap<String, BigDecimal>();
        var unpriced = new HashSet<String>();
        for (var line : lines) {
            BigDecimal price = line.netUnitPrice() != null ? line.netUnitPrice() : line.unitPrice();
            if (price == null || line.quantity() == null) {
                unpriced.add(line.sku());
                continue;
            }
            quantities.merge(line.sku(), line.quantity(), BigDecimal::add);
            amounts.merge(line.sku(), line.quantity().multiply(price), BigDecimal::add);
        }
        var prices = new LinkedHashMap<String, BigDecimal>();
        quantities.forEach((sku, quantity) -> {
            if (!unpriced.contains(sku) && quantity.signum() > 0) {
                prices.put(sku, amounts.get(sku).divide(quantity, 6, RoundingMode.HALF_UP));
            }
        });
        return prices;
    }

    public static BigDecimal plain(BigDecimal value) {
        return Decimals.plain(value);
    }
}

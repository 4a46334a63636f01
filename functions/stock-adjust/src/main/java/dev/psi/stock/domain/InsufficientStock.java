package dev.psi.stock.domain;

import java.util.List;

/** Refusal of a whole document because one or more lines lack stock; nothing of it is applied. */
public final class InsufficientStock extends RuntimeException {

    private final List<Shortage> shortages;

    public InsufficientStock(List<Shortage> shortages) {
        super(describe(shortages), null, false, false);
        this.shortages = List.copyOf(shortages);
    }

    public List<Shortage> shortages() {
        return shortages;
    }

    private static String describe(List<Shortage> shortages) {
        var text = new StringBuilder("Insufficient stock: ");
        for (int i = 0; i < shortages.size(); i++) {
            var s = shortages.get(i);
            text.append(i == 0 ? "" : "; ").append("SKU ").append(s.sku()).append(" in warehouse ")
                    .append(s.warehouseCode()).append(": requested ").append(s.requested().toPlainString())
                    .append(", available ").append(s.available().toPlainString());
        }
        return text.toString();
    }
}

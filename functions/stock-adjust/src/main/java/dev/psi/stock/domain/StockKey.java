package dev.psi.stock.domain;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * One stock row: a product in a warehouse, with what the rules need to know about the product.
 * Rows are always locked in this order (product, then warehouse), so that two documents touching
 * the same rows cannot deadlock.
 */
public record StockKey(long productId, long warehouseId, String sku, String warehouseCode,
                       BigDecimal reorderPoint, BigDecimal purchasePrice) implements Comparable<StockKey> {

    public static final Comparator<StockKey> LOCK_ORDER =
            Comparator.comparingLong(StockKey::productId).thenComparingLong(StockKey::warehouseId);

    @Override
    public int compareTo(StockKey other) {
        return LOCK_ORDER.compare(this, other);
    }
}

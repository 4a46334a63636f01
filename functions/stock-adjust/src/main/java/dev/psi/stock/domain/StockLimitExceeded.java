package dev.psi.stock.domain;

/**
 * Stock that would no longer fit its row: on-hand beyond what a quantity column holds, or a value
 * (on-hand x average cost) beyond what a money column holds. Nothing of the document is applied.
 */
public final class StockLimitExceeded extends RuntimeException {

    public StockLimitExceeded(String sku, String warehouseCode, String what) {
        super(sku + " in warehouse " + warehouseCode + ": " + what, null, false, false);
    }
}

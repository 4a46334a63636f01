package dev.psi.stock.domain;

import java.math.BigDecimal;

/** A line that could not be taken: what was asked for and what was there. */
public record Shortage(String sku, String warehouseCode, BigDecimal requested, BigDecimal available) {
}

package dev.psi.contract.settings;

import dev.psi.contract.common.Versioned;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * A tenant's tax settings: the rate (percent) of a product without its own, and whether the prices
 * it enters include tax. Orders already made keep the figures computed when they were made.
 */
@Serdeable
public record TaxSettings(BigDecimal defaultTaxRate, boolean pricesIncludeTax, int version) implements Versioned {
}

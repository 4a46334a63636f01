package dev.psi.kernel.cache;

import dev.psi.kernel.db.Keys;

/** Redis keys shared by the function that changes data and the one that caches reads of it. */
public final class CacheKeys {

    private CacheKeys() {
    }

    /**
     * A SKU's inventory across warehouses: invalidated by stock-adjust, served by inventory-query.
     * Keyed by the SKU's {@link Keys#normal} spelling, so that {@code apl-001} and {@code APL-001},
     * one product to the database, are one entry here too.
     */
    public static String inventory(String tenant, String sku) {
        return "psi:" + tenant + ":inventory:" + Keys.normal(sku);
    }
}

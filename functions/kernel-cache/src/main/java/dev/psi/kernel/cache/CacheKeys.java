package dev.psi.kernel.cache;

/** Redis keys shared by the function that changes data and the one that caches reads of it. */
public final class CacheKeys {

    private CacheKeys() {
    }

    /** A SKU's inventory across warehouses: invalidated by stock-adjust, served by inventory-query. */
    public static String inventory(String tenant, String sku) {
        return "psi:" + tenant + ":inventory:" + sku;
    }
}

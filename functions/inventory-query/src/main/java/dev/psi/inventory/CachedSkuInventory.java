package dev.psi.inventory;

import dev.psi.contract.inventory.SkuInventory;
import dev.psi.kernel.cache.CacheKeys;
import dev.psi.kernel.cache.RedisCache;
import dev.psi.kernel.db.Keys;
import dev.psi.kernel.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SKU's inventory, cache-aside: a hit is served from Redis, a miss reads the primary and files
 * the result under the generation seen before the read (see {@link RedisCache}), so a change that
 * commits meanwhile retires it. Without Redis every read goes to the database.
 */
@Singleton
final class CachedSkuInventory {

    private static final Logger LOG = LoggerFactory.getLogger(CachedSkuInventory.class);

    private final InventoryReads reads;
    private final RedisCache cache;
    private final JsonMapper json;
    private final MeterRegistry meters;

    CachedSkuInventory(InventoryReads reads, RedisCache cache, JsonMapper json, MeterRegistry meters) {
        this.reads = reads;
        this.cache = cache;
        this.json = json;
        this.meters = meters;
    }

    SkuInventory get(TenantId tenant, String sku) {
        if (!Keys.isCode(sku)) {
            // It can still name a product (the collation ignores accents too), but not a cache entry.
            return reads.sku(tenant, sku);
        }
        String key = CacheKeys.inventory(tenant.value(), sku);
        var lookup = cache.lookup(key);
        if (lookup.value().isPresent()) {
            try {
                var cached = json.readValue(lookup.value().get(), SkuInventory.class);
                meters.counter("psi.inventory.cache", "result", "hit").increment();
                return cached;
            } catch (IOException e) {
                LOG.warn("unreadable cache entry for {}, reading the database", key, e);
            }
        }
        meters.counter("psi.inventory.cache", "result", "miss").increment();
        var fresh = reads.sku(tenant, sku);
        try {
            cache.store(key, lookup.generation(), json.writeValueAsString(fresh));
        } catch (IOException e) {
            LOG.warn("cannot cache {}", key, e);
        }
        return fresh;
    }
}

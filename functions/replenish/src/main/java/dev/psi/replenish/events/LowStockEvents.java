package dev.psi.replenish.events;

import dev.psi.contract.events.StockEvents;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.EventHandler;
import dev.psi.kernel.events.EventRoutes;
import dev.psi.kernel.events.InboundEvent;
import dev.psi.kernel.events.PermanentEventFailure;
import dev.psi.replenish.domain.Shortfall;
import dev.psi.replenish.store.Replenishments;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * psi.stock.low.v1 drafts a purchase order for the product's preferred supplier, for what brings
 * available + on order up to reorder point + reorder quantity ({@link Shortfall}). Runs in the inbox
 * transaction (a redelivered event drafts nothing); the per SKU and warehouse lock makes two low
 * events at once draft one order. Every other psi.stock event is not routed here and is acknowledged.
 */
@Singleton
final class LowStockEvents implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LowStockEvents.class);

    private final Replenishments store;
    private final EventRoutes routes;

    LowStockEvents(Replenishments store) {
        this.store = store;
        this.routes = EventRoutes.builder().on(StockEvents.Low.class, this::low).build();
    }

    @Override
    public String consumer() {
        return "replenish";
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }

    private void low(Tx tx, InboundEvent event, StockEvents.Low e) throws SQLException {
        var tenant = event.tenant();
        if (e.sku().length() > 64 || e.warehouseCode().length() > 64) {
            throw new PermanentEventFailure("sku and warehouseCode have at most 64 characters");
        }
        store.lock(tx, tenant, e.sku(), e.warehouseCode());
        var product = store.product(tx, tenant, e.sku()).orElse(null);
        var warehouse = store.warehouseId(tx, tenant, e.warehouseCode()).orElse(null);
        if (product == null || warehouse == null) {
            LOG.warn("{}: no product {} or warehouse {} in tenant {}; nothing drafted", event.id(), e.sku(),
                    e.warehouseCode(), tenant.value());
            return;
        }
        if (!product.active() || product.supplierId() == 0) {
            LOG.info("{}: {} is inactive or has no active preferred supplier; nothing drafted (see suggestions)",
                    event.id(), e.sku());
            return;
        }
        var shortfall = new Shortfall(e.available(), product.reorderPoint(), product.reorderQuantity(),
                store.onOrder(tx, tenant, product.id(), warehouse));
        if (shortfall.covered()) {
            LOG.info("{}: {} in {} is covered by open purchase orders ({} on order); nothing drafted", event.id(),
                    e.sku(), e.warehouseCode(), shortfall.onOrder().toPlainString());
            return;
        }
        String note = "Replenishment: " + e.sku() + " in " + e.warehouseCode() + " at " + e.available().toPlainString()
                + " available, below reorder point " + product.reorderPoint().toPlainString() + " ("
                + shortfall.onOrder().toPlainString() + " on order)";
        String number = store.draft(tx, tenant, product, product.supplierId(), warehouse, shortfall.toOrder(), note,
                event.id(), event.type().type());
        LOG.info("{}: drafted {} for {} of {} into {}", event.id(), number, shortfall.toOrder().toPlainString(), e.sku(),
                e.warehouseCode());
    }
}

package dev.psi.inventory;

import dev.psi.contract.common.Page;
import dev.psi.contract.inventory.InventoryRow;
import dev.psi.contract.inventory.SkuInventory;
import dev.psi.contract.inventory.Valuation;
import dev.psi.contract.stock.MovementType;
import dev.psi.contract.stock.StockMovement;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import dev.psi.kernel.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

@Controller("/api/inventory")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "inventory")
class InventoryController {

    private final InventoryReads reads;
    private final CachedSkuInventory skus;
    private final MeterRegistry meters;

    InventoryController(InventoryReads reads, CachedSkuInventory skus, MeterRegistry meters) {
        this.reads = reads;
        this.skus = skus;
        this.meters = meters;
    }

    @Operation(summary = "Stock rows per SKU and warehouse",
            description = "Filters: warehouseCode, sku, category, belowReorder, q (SKU or name); rows with nothing on"
                    + " hand, reserved or to reorder are left out unless includeEmpty=true. sort: sku (default),"
                    + " warehouseCode, onHand, available, shortfall; prefix '-' for descending.")
    @Get
    Page<InventoryRow> list(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                            @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable String warehouseCode,
                            @QueryValue @Nullable String sku, @QueryValue @Nullable String category,
                            @QueryValue @Nullable Boolean belowReorder, @QueryValue @Nullable String q,
                            @QueryValue(defaultValue = "false") @Defaulted boolean includeEmpty, @QueryValue @Nullable String sort) {
        var request = PageRequest.of(page, size);
        return timed("list", () -> reads.list(tenant, request,
                new InventoryReads.InventoryFilter(warehouseCode, sku, category, belowReorder, q, includeEmpty, sort)));
    }

    @Operation(summary = "Stock rows whose available quantity is below the product's reorder point, largest gap first")
    @Get("/low-stock")
    Page<InventoryRow> lowStock(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable String warehouseCode,
                                @QueryValue @Nullable String sort) {
        var request = PageRequest.of(page, size);
        return timed("low-stock", () -> reads.lowStock(tenant, request, warehouseCode, sort));
    }

    @Operation(summary = "Stock value (on hand x moving-average cost) per warehouse and in total")
    @Get("/valuation")
    Valuation valuation(@FromCredentials TenantId tenant, @QueryValue @Nullable String warehouseCode) {
        return timed("valuation", () -> reads.valuation(tenant, warehouseCode));
    }

    @Operation(summary = "One SKU per warehouse and in total", description = "Served from Redis when cached; never older than the last committed change.")
    @Get("/{sku}")
    SkuInventory sku(@FromCredentials TenantId tenant, String sku) {
        return timed("sku", () -> skus.get(tenant, sku));
    }

    @Operation(summary = "The stock ledger of a SKU, newest first",
            description = "Filters: warehouseCode, type, from (inclusive) and to (exclusive) as ISO instants or dates.")
    @Get("/{sku}/movements")
    Page<StockMovement> movements(@FromCredentials TenantId tenant, String sku, @QueryValue(defaultValue = "0") @Defaulted int page,
                                  @QueryValue(defaultValue = "50") @Defaulted int size, @QueryValue @Nullable String warehouseCode,
                                  @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                  @QueryValue @Nullable String type) {
        var request = PageRequest.of(page, size);
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        MovementType movementType = movementType(type);
        return timed("movements", () -> reads.movements(tenant, sku, request, warehouseCode, start, end, movementType));
    }

    /** Every query lands in one histogram, {@code psi_inventory_query_duration_seconds{query}}, for p95 panels. */
    private <T> T timed(String query, Supplier<T> work) {
        return Timer.builder("psi.inventory.query.duration")
                .description("Time to answer an inventory query")
                .tag("query", query)
                .publishPercentileHistogram()
                .register(meters)
                .record(work);
    }

    private static Instant instant(String field, @Nullable String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).plusDays(endOfDay ? 1 : 0).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO date (2026-01-31) or instant (2026-01-31T08:00:00Z)");
        }
    }

    private static MovementType movementType(@Nullable String type) {
        return ListParams.oneOf("type", type, MovementType.class);
    }
}

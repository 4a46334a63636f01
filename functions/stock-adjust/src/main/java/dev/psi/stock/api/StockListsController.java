package dev.psi.stock.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.stock.StockDocumentSummary;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;

/**
 * Lists of the stock documents raised by hand, newest first. Filters: from and to (creation dates,
 * UTC, inclusive), warehouseCode (a transfer's either side), sku (a document with a line of it) and,
 * for adjustments, reason; sort createdAt or number ('-' descending). A bad value is a 400 naming it.
 */
@ProblemResponses
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "stock")
class StockListsController {

    private final StockDocumentLists lists;

    StockListsController(StockDocumentLists lists) {
        this.lists = lists;
    }

    @Operation(summary = "Adjustments, newest first", description = "Filters: from, to, warehouseCode, sku, reason; sort: createdAt, number.")
    @Get("/stock/adjustments")
    Page<StockDocumentSummary> adjustments(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                           @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable LocalDate from,
                                           @QueryValue @Nullable LocalDate to, @QueryValue @Nullable String warehouseCode,
                                           @QueryValue @Nullable String sku, @QueryValue @Nullable String reason,
                                           @QueryValue @Nullable String sort) {
        return lists.list(tenant, "ADJUSTMENT", PageRequest.of(page, size),
                new StockDocumentLists.Filter(from, to, warehouseCode, sku, reason, sort));
    }

    @Operation(summary = "Transfers, newest first", description = "Filters: from, to, warehouseCode (source or destination), sku; sort: createdAt, number.")
    @Get("/stock/transfers")
    Page<StockDocumentSummary> transfers(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                         @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable LocalDate from,
                                         @QueryValue @Nullable LocalDate to, @QueryValue @Nullable String warehouseCode,
                                         @QueryValue @Nullable String sku, @QueryValue @Nullable String reason,
                                         @QueryValue @Nullable String sort) {
        return lists.list(tenant, "TRANSFER", PageRequest.of(page, size),
                new StockDocumentLists.Filter(from, to, warehouseCode, sku, reason, sort));
    }

    @Operation(summary = "Stocktakes, newest first", description = "Filters: from, to, warehouseCode, sku; sort: createdAt, number.")
    @Get("/stocktakes")
    Page<StockDocumentSummary> stocktakes(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                          @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable LocalDate from,
                                          @QueryValue @Nullable LocalDate to, @QueryValue @Nullable String warehouseCode,
                                          @QueryValue @Nullable String sku, @QueryValue @Nullable String reason,
                                          @QueryValue @Nullable String sort) {
        return lists.list(tenant, "STOCKTAKE", PageRequest.of(page, size),
                new StockDocumentLists.Filter(from, to, warehouseCode, sku, reason, sort));
    }
}

package dev.psi.stock.api;

import dev.psi.contract.stock.StockAdjustmentRequest;
import dev.psi.contract.stock.StockMovement;
import dev.psi.contract.stock.StocktakeRequest;
import dev.psi.contract.stock.StocktakeResult;
import dev.psi.contract.stock.TransferRequest;
import dev.psi.contract.stock.TransferResult;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemResponses;
import dev.psi.stock.document.StockDocuments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Stock documents raised by hand. Each is one transaction: all of it happens, or none. */
@Controller("/api")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "stock")
class StockController {

    private final StockDocuments stock;
    private final StockDocumentReads documents;
    private final IdempotentRequests idempotent;

    StockController(StockDocuments stock, StockDocumentReads documents, IdempotentRequests idempotent) {
        this.stock = stock;
        this.documents = documents;
        this.idempotent = idempotent;
    }

    @Operation(summary = "An adjustment by its number: the movement it booked")
    @Get("/stock/adjustments/{number}")
    StockMovement adjustment(@FromCredentials TenantId tenant, String number) {
        return documents.adjustment(tenant, number);
    }

    @Operation(summary = "A transfer by its number, with its movements")
    @Get("/stock/transfers/{number}")
    TransferResult transfer(@FromCredentials TenantId tenant, String number) {
        return documents.transfer(tenant, number);
    }

    @Operation(summary = "A stocktake by its number: the counts, variances and movements")
    @Get("/stocktakes/{number}")
    StocktakeResult stocktake(@FromCredentials TenantId tenant, String number) {
        return documents.stocktake(tenant, number);
    }

    @Operation(summary = "Adjust stock by hand",
            description = "quantity is signed: positive adds (priced at unitCost, else the average cost), negative"
                    + " removes from available stock and is refused with 409 when it exceeds it. Answers the movement.")
    @Post("/stock/adjustments")
    HttpResponse<?> adjust(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                           @Body @Valid StockAdjustmentRequest request) {
        var once = idempotent.of(tenant, "stock.adjustment", idempotencyKey, request, HttpStatus.CREATED);
        return once.respond(() -> stock.adjust(tenant, request, once));
    }

    @Operation(summary = "Transfer stock between warehouses", description = "All lines or none, at the source's average cost.")
    @Post("/stock/transfers")
    HttpResponse<?> transfer(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                             @Body @Valid TransferRequest request) {
        var once = idempotent.of(tenant, "stock.transfer", idempotencyKey, request, HttpStatus.CREATED);
        return once.respond(() -> stock.transfer(tenant, request, once));
    }

    @Operation(summary = "Book a stocktake", description = "Counted quantities per SKU; differences become gain and loss movements.")
    @Post("/stocktakes")
    HttpResponse<?> stocktake(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                              @Body @Valid StocktakeRequest request) {
        var once = idempotent.of(tenant, "stock.stocktake", idempotencyKey, request, HttpStatus.CREATED);
        return once.respond(() -> stock.stocktake(tenant, request, once));
    }
}

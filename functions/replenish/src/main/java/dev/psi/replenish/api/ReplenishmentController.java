package dev.psi.replenish.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.replenish.Suggestion;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemResponses;
import dev.psi.replenish.store.Suggestions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@ProblemResponses
@Controller("/api/replenishment")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "replenishment")
class ReplenishmentController {

    private final Suggestions suggestions;

    ReplenishmentController(Suggestions suggestions) {
        this.suggestions = suggestions;
    }

    @Operation(summary = "What to order: SKUs below their reorder point per warehouse",
            description = "available, reorderPoint, reorderQuantity, onOrder (open purchase orders, DRAFT included) and"
                    + " suggestedQuantity = reorderPoint + reorderQuantity - available - onOrder (0 when covered)."
                    + " Filters: warehouseCode, sku, supplierCode; sort: sku, warehouseCode, available ('-' descending).")
    @Get("/suggestions")
    Page<Suggestion> suggestions(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                                 @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable String warehouseCode,
                                 @QueryValue @Nullable String sku, @QueryValue @Nullable String supplierCode,
                                 @QueryValue @Nullable String sort) {
        return suggestions.list(tenant, PageRequest.of(page, size), warehouseCode, sku, supplierCode, sort);
    }
}

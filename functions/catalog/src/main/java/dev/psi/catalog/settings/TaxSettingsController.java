package dev.psi.catalog.settings;

import dev.psi.contract.settings.TaxSettings;
import dev.psi.contract.settings.TaxSettingsRequest;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@Controller("/api/settings")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "settings")
class TaxSettingsController {

    private final TenantSettings settings;

    TaxSettingsController(TenantSettings settings) {
        this.settings = settings;
    }

    @Operation(summary = "Get the tenant's tax settings",
            description = "The default tax rate (percent) of products without their own, and whether entered prices include tax; with an ETag.")
    @Get("/tax")
    HttpResponse<TaxSettings> getTax(@FromCredentials TenantId tenant) {
        return Etags.ok(settings.tax(tenant));
    }

    @Operation(summary = "Change the tenant's tax settings",
            description = "Needs If-Match (or the body's version): 412 when it is stale. Orders already made keep their figures.")
    @Put("/tax")
    HttpResponse<TaxSettings> updateTax(@FromCredentials TenantId tenant, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                        @Body @Valid TaxSettingsRequest request) {
        return Etags.ok(settings.updateTax(tenant, Etags.expectedVersion(ifMatch, request.version()), request));
    }
}

package dev.psi.catalog.warehouse;

import dev.psi.catalog.shared.PathKeys;
import dev.psi.contract.catalog.Warehouse;
import dev.psi.contract.catalog.WarehouseRequest;
import dev.psi.contract.common.Page;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@Controller("/api/warehouses")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "warehouses")
class WarehouseController {

    private final WarehouseCatalog catalog;
    private final IdempotentRequests idempotent;

    WarehouseController(WarehouseCatalog catalog, IdempotentRequests idempotent) {
        this.catalog = catalog;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Create a warehouse", description = "Honours Idempotency-Key; answers 201 with an ETag.")
    @Post
    HttpResponse<?> create(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                           @Body @Valid WarehouseRequest request) {
        var once = idempotent.of(tenant, "catalog.warehouse.create", idempotencyKey, request, HttpStatus.CREATED);
        return Etags.created(once.respond(() -> catalog.create(tenant, request, once)));
    }

    @Operation(summary = "Get a warehouse by code")
    @Get("/{code}")
    HttpResponse<Warehouse> get(@FromCredentials TenantId tenant, String code) {
        return Etags.ok(catalog.get(tenant, code));
    }

    @Operation(summary = "Update a warehouse", description = "Needs If-Match (or the body's version): 412 when it is stale.")
    @Put("/{code}")
    HttpResponse<Warehouse> update(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                   @Body @Valid WarehouseRequest request) {
        PathKeys.requireSame("code", code, request.code());
        return Etags.ok(catalog.update(tenant, code, Etags.expectedVersion(ifMatch, request.version()), request));
    }

    @Operation(summary = "Deactivate a warehouse")
    @Post("/{code}/deactivate")
    HttpResponse<Warehouse> deactivate(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return Etags.ok(catalog.setActive(tenant, code, false, Etags.optionalVersion(ifMatch)));
    }

    @Operation(summary = "Activate a warehouse")
    @Post("/{code}/activate")
    HttpResponse<Warehouse> activate(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return Etags.ok(catalog.setActive(tenant, code, true, Etags.optionalVersion(ifMatch)));
    }

    /** Catalog entries are never deleted (documents refer to them): DELETE deactivates. */
    @Operation(summary = "Deactivate a warehouse (never deleted)")
    @Delete("/{code}")
    HttpResponse<?> delete(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        catalog.setActive(tenant, code, false, Etags.optionalVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Operation(summary = "List warehouses (filters: q, active; sort)")
    @Get
    Page<Warehouse> list(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                         @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable String q,
                         @QueryValue @Nullable String active, @QueryValue @Nullable String sort) {
        return catalog.list(tenant, PageRequest.of(page, size), q, ListParams.flag("active", active), sort);
    }
}

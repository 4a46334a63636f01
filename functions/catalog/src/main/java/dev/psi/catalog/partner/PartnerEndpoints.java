package dev.psi.catalog.partner;

import dev.psi.catalog.shared.PathKeys;
import dev.psi.contract.catalog.Partner;
import dev.psi.contract.catalog.PartnerRequest;
import dev.psi.contract.common.Page;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

/** The HTTP surface of suppliers and customers alike; a subclass per kind fixes the path. */
abstract class PartnerEndpoints {

    private final PartnerKind kind;
    private final PartnerCatalog catalog;
    private final IdempotentRequests idempotent;

    PartnerEndpoints(PartnerKind kind, PartnerCatalog catalog, IdempotentRequests idempotent) {
        this.kind = kind;
        this.catalog = catalog;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Create a customer or supplier", description = "Honours Idempotency-Key; answers 201 with an ETag.")
    @Post
    HttpResponse<?> create(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                           @Body @Valid PartnerRequest request) {
        var once = idempotent.of(tenant, "catalog." + kind.path + ".create", idempotencyKey, request, HttpStatus.CREATED);
        return Etags.created(once.respond(() -> catalog.create(kind, tenant, request, once)));
    }

    @Operation(summary = "Get a customer or supplier by code")
    @Get("/{code}")
    HttpResponse<Partner> get(@FromCredentials TenantId tenant, String code) {
        return Etags.ok(catalog.get(kind, tenant, code));
    }

    @Operation(summary = "Update a customer or supplier", description = "Needs If-Match (or the body's version): 412 when it is stale.")
    @Put("/{code}")
    HttpResponse<Partner> update(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                 @Body @Valid PartnerRequest request) {
        PathKeys.requireSame("code", code, request.code());
        return Etags.ok(catalog.update(kind, tenant, code, Etags.expectedVersion(ifMatch, request.version()), request));
    }

    @Operation(summary = "Deactivate a customer or supplier")
    @Post("/{code}/deactivate")
    HttpResponse<Partner> deactivate(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return Etags.ok(catalog.setActive(kind, tenant, code, false, Etags.optionalVersion(ifMatch)));
    }

    @Operation(summary = "Activate a customer or supplier")
    @Post("/{code}/activate")
    HttpResponse<Partner> activate(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return Etags.ok(catalog.setActive(kind, tenant, code, true, Etags.optionalVersion(ifMatch)));
    }

    /** Partners are never deleted (orders refer to them): DELETE deactivates. */
    @Operation(summary = "Deactivate a customer or supplier (never deleted)")
    @Delete("/{code}")
    HttpResponse<?> delete(@FromCredentials TenantId tenant, String code, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        catalog.setActive(kind, tenant, code, false, Etags.optionalVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Operation(summary = "List customers or suppliers (filters: q, active; sort)")
    @Get
    Page<Partner> list(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                       @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable String q,
                       @QueryValue @Nullable String active, @QueryValue @Nullable String sort) {
        return catalog.list(kind, tenant, PageRequest.of(page, size), q, ListParams.flag("active", active), sort);
    }
}

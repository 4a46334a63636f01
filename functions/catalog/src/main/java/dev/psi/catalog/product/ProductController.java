package dev.psi.catalog.product;

import dev.psi.catalog.shared.PathKeys;
import dev.psi.contract.catalog.Product;
import dev.psi.contract.catalog.ProductRequest;
import dev.psi.contract.common.Page;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
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
import java.util.Locale;

@Controller("/api/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "products")
@ProblemResponses
class ProductController {

    private final ProductCatalog catalog;
    private final ProductImport importer;
    private final IdempotentRequests idempotent;

    ProductController(ProductCatalog catalog, ProductImport importer, IdempotentRequests idempotent) {
        this.catalog = catalog;
        this.importer = importer;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Create a product", description = "Honours Idempotency-Key; answers 201 with an ETag.")
    @Post
    HttpResponse<?> create(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                           @Body @Valid ProductRequest request) {
        var once = idempotent.of(tenant, "catalog.product.create", idempotencyKey, request, HttpStatus.CREATED);
        return Etags.created(once.respond(() -> catalog.create(tenant, request, once)));
    }

    @Operation(summary = "Get a product by sku")
    @Get("/{sku}")
    HttpResponse<Product> get(@FromCredentials TenantId tenant, String sku) {
        return Etags.ok(catalog.get(tenant, sku));
    }

    @Operation(summary = "Update a product", description = "Needs If-Match (or the body's version): 412 when it is stale.")
    @Put("/{sku}")
    HttpResponse<Product> update(@FromCredentials TenantId tenant, String sku, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                 @Body @Valid ProductRequest request) {
        PathKeys.requireSame("sku", sku, request.sku());
        return Etags.ok(catalog.update(tenant, sku, Etags.expectedVersion(ifMatch, request.version()), request));
    }

    @Operation(summary = "Deactivate a product")
    @Post("/{sku}/deactivate")
    HttpResponse<Product> deactivate(@FromCredentials TenantId tenant, String sku, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return Etags.ok(catalog.setActive(tenant, sku, false, Etags.optionalVersion(ifMatch)));
    }

    @Operation(summary = "Activate a product")
    @Post("/{sku}/activate")
    HttpResponse<Product> activate(@FromCredentials TenantId tenant, String sku, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        return Etags.ok(catalog.setActive(tenant, sku, true, Etags.optionalVersion(ifMatch)));
    }

    /** Products are never deleted (stock and orders refer to them): DELETE deactivates. */
    @Operation(summary = "Deactivate a product (never deleted)")
    @Delete("/{sku}")
    HttpResponse<?> delete(@FromCredentials TenantId tenant, String sku, @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        catalog.setActive(tenant, sku, false, Etags.optionalVersion(ifMatch));
        return HttpResponse.noContent();
    }

    @Operation(summary = "List products (filters: q, category, active, supplierCode, barcode; sort)")
    @Get
    Page<Product> list(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page,
                       @QueryValue(defaultValue = "20") @Defaulted int size, @QueryValue @Nullable String q,
                       @QueryValue @Nullable String category, @QueryValue @Nullable String active,
                       @QueryValue @Nullable String supplierCode, @QueryValue @Nullable String barcode,
                       @QueryValue @Nullable String sort) {
        return catalog.list(tenant, PageRequest.of(page, size),
                new ProductCatalog.ProductFilter(q, category, ListParams.flag("active", active), supplierCode, barcode, sort));
    }

    @Operation(summary = "Import products from CSV",
            description = "A header row naming columns among sku, name, unit, barcode, category, purchasePrice,"
                    + " salePrice, reorderPoint, reorderQuantity, preferredSupplierCode; then one product per row."
                    + " mode=create (default) refuses existing SKUs, mode=upsert updates them. Good rows are stored,"
                    + " bad rows are reported with their errors.")
    @Post("/import")
    @Consumes({"text/csv", "text/plain"})
    HttpResponse<?> importCsv(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                              @QueryValue(defaultValue = "create") @Defaulted String mode, @Body @Nullable String csv) {
        ProductImport.Mode importMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "create" -> ProductImport.Mode.CREATE;
            case "upsert" -> ProductImport.Mode.UPSERT;
            default -> throw ProblemException.invalid("mode", "must be create or upsert");
        };
        var table = ProductImport.parse(csv);
        var once = idempotent.of(tenant, "catalog.product.import." + importMode, idempotencyKey, csv == null ? "" : csv,
                HttpStatus.OK);
        return once.respond(() -> importer.run(tenant, table, importMode, once));
    }
}

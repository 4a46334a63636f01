package dev.psi.catalog.product;

import dev.psi.kernel.web.ListParams;
import dev.psi.catalog.shared.PathKeys;
import dev.psi.catalog.shared.Versioned;
import dev.psi.contract.catalog.Product;
import dev.psi.contract.catalog.ProductRequest;
import dev.psi.contract.common.Page;
import dev.psi.kernel.audit.AuditLog;
import dev.psi.kernel.db.CatalogTable;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.SqlErrors;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

@Singleton
final class ProductCatalog {

    static final Versioned TABLE = new Versioned("products", "sku", "Product");
    private static final ListQuery PRODUCTS = new ListQuery("p.sku, p.name, p.unit, p.barcode, p.category,"
            + " p.purchase_price, p.sale_price, p.reorder_point, p.reorder_quantity, s.code AS supplier_code, p.tax_rate, p.active,"
            + " p.version, p.created_at, p.updated_at", "products p LEFT JOIN suppliers s ON s.id = p.preferred_supplier_id");
    private static final Map<String, String> SORTS = Map.of("sku", "p.sku", "name", "p.name",
            "category", "p.category", "createdAt", "p.created_at", "salePrice", "p.sale_price");

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    ProductCatalog(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    Outcome<Product> create(TenantId tenant, ProductRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            var product = create(tx, tenant, request);
            return Outcome.created(product, PathKeys.location("/api/products", product.sku()));
        }));
    }

    /** Inside the caller's transaction: a create, or one row of an import. */
    Product create(Tx tx, TenantId tenant, ProductRequest request) throws SQLException {
        request = withoutBlanks(request);
        Long supplierId = supplierId(tx, tenant, request);
        var now = clock.instant();
        try {
            tx.update("INSERT INTO products (tenant_id, sku, name, unit, barcode, category, purchase_price, sale_price,"
                            + " reorder_point, reorder_quantity, preferred_supplier_id, tax_rate, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    tenant.value(), request.sku(), request.name(), request.unit(), request.barcode(), request.category(),
                    orZero(request.purchasePrice()), orZero(request.salePrice()), orZero(request.reorderPoint()),
                    orZero(request.reorderQuantity()), supplierId, request.taxRate(), now, now);
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw duplicate(tx, tenant, request);
            }
            throw e;
        }
        audit.record(tx, tenant, "create", "product", request.sku(), request);
        return find(tx, tenant, request.sku());
    }

    Product get(TenantId tenant, String sku) {
        return database.read(tx -> find(tx, tenant, sku));
    }

    Product update(TenantId tenant, String sku, Integer expectedVersion, ProductRequest request) {
        return database.inTransaction(tx -> {
            if (!replace(tx, tenant, sku, expectedVersion, request)) {
                throw TABLE.whyNotUpdated(tx, tenant, sku, expectedVersion);
            }
            return find(tx, tenant, sku);
        });
    }

    /**
     * Replaces the mutable fields; {@code expectedVersion} null means unconditionally (the CSV
     * import's upsert). Returns whether a row was updated.
     */
    boolean replace(Tx tx, TenantId tenant, String sku, Integer expectedVersion, ProductRequest request)
            throws SQLException {
        request = withoutBlanks(request);
        Long supplierId = supplierId(tx, tenant, request);
        int updated;
        try {
            updated = tx.update("UPDATE products SET name = ?, unit = ?, barcode = ?, category = ?, purchase_price = ?,"
                            + " sale_price = ?, reorder_point = ?, reorder_quantity = ?, preferred_supplier_id = ?, tax_rate = ?,"
                            + " version = version + 1, updated_at = ? WHERE tenant_id = ? AND sku = ?"
                            + Versioned.versionCheck(expectedVersion),
                    request.name(), request.unit(), request.barcode(), request.category(),
                    orZero(request.purchasePrice()), orZero(request.salePrice()), orZero(request.reorderPoint()),
                    orZero(request.reorderQuantity()), supplierId, request.taxRate(), clock.instant(), tenant.value(), sku);
        } catch (SQLException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw duplicate(tx, tenant, request);
            }
            throw e;
        }
        if (updated > 0) {
            audit.record(tx, tenant, "update", "product", sku, request);
        }
        return updated > 0;
    }

    boolean exists(Tx tx, TenantId tenant, String sku) throws SQLException {
        return tx.count("SELECT COUNT(*) AS n FROM products WHERE tenant_id = ? AND sku = ?", tenant.value(), sku) > 0;
    }

    Product setActive(TenantId tenant, String sku, boolean active, Integer expectedVersion) {
        return database.inTransaction(tx -> {
            TABLE.setActive(tx, tenant, sku, active, expectedVersion, clock.instant());
            audit.record(tx, tenant, active ? "activate" : "deactivate", "product", sku, null);
            return find(tx, tenant, sku);
        });
    }

    Page<Product> list(TenantId tenant, PageRequest page, ProductFilter filter) {
        var where = Where.tenant("p.tenant_id", tenant)
                .search(filter.q(), "p.sku", "p.name", "p.barcode")
                .andIf(filter.category(), "p.category = ?")
                .andIf(filter.active(), "p.active = ?")
                .andIf(filter.supplierCode(), "s.code = ?")
                .andIf(filter.barcode(), "p.barcode = ?");
        String orderBy = ListParams.orderBy(filter.sort(), "sku", SORTS, "p.id");
        return database.read(tx -> Pages.fetch(tx, PRODUCTS, where, orderBy, page, ProductCatalog::map));
    }

    record ProductFilter(String q, String category, Boolean active, String supplierCode, String barcode, String sort) {
    }

    private static Long supplierId(Tx tx, TenantId tenant, ProductRequest request) throws SQLException {
        return request.preferredSupplierCode() == null ? null
                : CatalogTable.SUPPLIERS.requireActive(tx, tenant, request.preferredSupplierCode(), "preferredSupplierCode");
    }

    /** A unique key was hit: the SKU, or the barcode of another product. */
    private static ProblemException duplicate(Tx tx, TenantId tenant, ProductRequest request) throws SQLException {
        if (request.barcode() != null) {
            var owner = tx.one("SELECT sku FROM products WHERE tenant_id = ? AND barcode = ?",
                    row -> row.string("sku"), tenant.value(), request.barcode());
            if (owner.isPresent() && !owner.get().equalsIgnoreCase(request.sku())) {
                return ProblemException.duplicate("Barcode", request.barcode() + "' of product '" + owner.get());
            }
        }
        return ProblemException.duplicate("Product", request.sku());
    }

    private static Product find(Tx tx, TenantId tenant, String sku) throws SQLException {
        return tx.one(PRODUCTS.select() + " WHERE p.tenant_id = ? AND p.sku = ?", ProductCatalog::map, tenant.value(), sku)
                .orElseThrow(() -> ProblemException.notFound("Product", sku));
    }

    private static Product map(Row row) throws SQLException {
        return new Product(row.string("sku"), row.string("name"), row.string("unit"), row.string("barcode"),
                row.string("category"), row.decimal("purchase_price"), row.decimal("sale_price"),
                row.decimal("reorder_point"), row.decimal("reorder_quantity"), row.string("supplier_code"),
                row.decimal("tax_rate"), row.bool("active"), row.intValue("version"), row.instant("created_at"), row.instant("updated_at"));
    }

    /**
     * Forms send "" for a field left empty. An empty barcode would be a real value to the unique
     * key (the second product without a barcode would collide with the first), and an empty
     * supplier code would name a supplier that cannot exist: both mean "none".
     */
    private static ProductRequest withoutBlanks(ProductRequest r) {
        return new ProductRequest(r.sku(), r.name(), r.unit(), blankToNull(r.barcode()), blankToNull(r.category()),
                r.purchasePrice(), r.salePrice(), r.reorderPoint(), r.reorderQuantity(),
                blankToNull(r.preferredSupplierCode()), r.taxRate(), r.version());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}

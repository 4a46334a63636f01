package dev.psi.testing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Catalog rows written straight into the test database, for functions whose tests need products
 * and warehouses without running the catalog function. Each test uses its own {@link #newTenant()}.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A tenant id no other test uses. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static ProductBuilder aProduct(String tenant, String sku) {
        return new ProductBuilder(tenant, sku);
    }

    public static void warehouse(String tenant, String code) {
        execute("INSERT INTO warehouses (tenant_id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                tenant, code, "Warehouse " + code, now(), now());
    }

    public static void supplier(String tenant, String code) {
        execute("INSERT INTO suppliers (tenant_id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                tenant, code, "Supplier " + code, now(), now());
    }

    public static void customer(String tenant, String code) {
        execute("INSERT INTO customers (tenant_id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                tenant, code, "Customer " + code, now(), now());
    }

    public static final class ProductBuilder {
        private final String tenant;
        private final String sku;
        private BigDecimal purchasePrice = new BigDecimal("10.00");
        private BigDecimal salePrice = new BigDecimal("15.00");
        private BigDecimal reorderPoint = BigDecimal.ZERO;
        private BigDecimal reorderQuantity = BigDecimal.ZERO;
        private String category = "general";
        private String supplierCode;
        private boolean active = true;

        private ProductBuilder(String tenant, String sku) {
            this.tenant = tenant;
            this.sku = sku;
        }

        public ProductBuilder purchasePrice(String value) {
            purchasePrice = new BigDecimal(value);
            return this;
        }

        public ProductBuilder salePrice(String value) {
            salePrice = new BigDecimal(value);
            return this;
        }

        public ProductBuilder reorder(String point, String quantity) {
            reorderPoint = new BigDecimal(point);
            reorderQuantity = new BigDecimal(quantity);
            return this;
        }

        public ProductBuilder category(String value) {
            category = value;
            return this;
        }

        public ProductBuilder supplier(String code) {
            supplierCode = code;
            return this;
        }

        public ProductBuilder inactive() {
            active = false;
            return this;
        }

        public void create() {
            execute("INSERT INTO products (tenant_id, sku, name, unit, category, purchase_price, sale_price,"
                            + " reorder_point, reorder_quantity, preferred_supplier_id, active, created_at, updated_at)"
                            + " VALUES (?, ?, ?, 'pcs', ?, ?, ?, ?, ?,"
                            + " (SELECT id FROM suppliers WHERE tenant_id = ? AND code = ?), ?, ?, ?)",
                    tenant, sku, "Product " + sku, category, purchasePrice, salePrice, reorderPoint, reorderQuantity,
                    tenant, supplierCode, active, now(), now());
        }
    }

    static Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
    }

    static void execute(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

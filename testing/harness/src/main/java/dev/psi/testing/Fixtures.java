package dev.psi.testing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test data: catalog rows written straight into the test database, for functions whose tests need
 * products and warehouses without running the catalog function, and request bodies as a client
 * writes them. Each test uses its own {@link #newTenant()}.
 */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

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

    private static void execute(String sql, Object... args) {
        Rows.execute(sql, args);
    }

    /** A product as a client posts it, valid until a test says otherwise; each call a new SKU. */
    public static Body productRequest() {
        int n = SEQUENCE.incrementAndGet();
        return new Body("sku", "SKU-" + n)
                .with("name", "Green tea " + n)
                .with("unit", "box")
                .with("barcode", "690" + String.format("%010d", n))
                .with("category", "tea")
                .with("purchasePrice", new BigDecimal("8.40"))
                .with("salePrice", new BigDecimal("12.50"))
                .with("reorderPoint", new BigDecimal("10"))
                .with("reorderQuantity", new BigDecimal("50.0000"));
    }

    /** A warehouse as a client posts it; each call a new code. */
    public static Body warehouseRequest() {
        int n = SEQUENCE.incrementAndGet();
        return new Body("code", "WH-" + n).with("name", "Warehouse " + n).with("address", n + " Harbour Road");
    }

    /** A supplier or customer as a client posts it; each call a new code. */
    public static Body partnerRequest() {
        int n = SEQUENCE.incrementAndGet();
        return new Body("code", "P-" + n)
                .with("name", "Partner " + n)
                .with("contact", "Li Wei")
                .with("phone", "+86 21 5555 " + String.format("%04d", n % 10_000))
                .with("email", "buyer" + n + "@example.com")
                .with("address", n + " Nanjing Road");
    }

    /** A JSON request body under construction; {@link #key()} is its identifying field's value. */
    public static final class Body {

        private final String keyField;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Body(String keyField, String key) {
            this.keyField = keyField;
            fields.put(keyField, key);
        }

        public Body with(String field, Object value) {
            fields.put(field, value);
            return this;
        }

        public Body without(String field) {
            fields.remove(field);
            return this;
        }

        public String key() {
            return (String) fields.get(keyField);
        }

        public Map<String, Object> build() {
            return new LinkedHashMap<>(fields);
        }
    }
}

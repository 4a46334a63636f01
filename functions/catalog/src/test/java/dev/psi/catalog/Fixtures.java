package dev.psi.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Request bodies as a client writes them, valid unless a test says otherwise. */
final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    static Body aProduct() {
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

    static Body aWarehouse() {
        int n = SEQUENCE.incrementAndGet();
        return new Body("code", "WH-" + n).with("name", "Warehouse " + n).with("address", n + " Harbour Road");
    }

    static Body aPartner() {
        int n = SEQUENCE.incrementAndGet();
        return new Body("code", "P-" + n)
                .with("name", "Partner " + n)
                .with("contact", "Li Wei")
                .with("phone", "+86 21 5555 " + String.format("%04d", n % 10_000))
                .with("email", "buyer" + n + "@example.com")
                .with("address", n + " Nanjing Road");
    }

    /** A JSON object under construction; {@link #key()} is its identifying field's value. */
    static final class Body {

        private final String keyField;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Body(String keyField, String key) {
            this.keyField = keyField;
            fields.put(keyField, key);
        }

        Body with(String field, Object value) {
            fields.put(field, value);
            return this;
        }

        Body without(String field) {
            fields.remove(field);
            return this;
        }

        String key() {
            return (String) fields.get(keyField);
        }

        Map<String, Object> build() {
            return new LinkedHashMap<>(fields);
        }
    }
}

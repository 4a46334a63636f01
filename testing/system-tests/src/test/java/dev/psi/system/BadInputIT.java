package dev.psi.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated malformed requests across the endpoints (wrong types, missing fields, huge,
 * negative and zero numbers, unknown references, SQL and script fragments, oversized bodies, invalid
 * JSON, wrong content types, bad query parameters): every one a 4xx problem+json in the client's
 * words, none a 5xx, and the tenant's rows unchanged afterwards.
 */
class BadInputIT {

    static final List<String> HOSTILE = List.of("x' OR '1'='1", "1; DROP TABLE products; --", "<script>alert(1)</script>",
            "../../etc/passwd", "${jndi:ldap://x/a}");

    /** One request and what its answer must say, if anything, about a field. */
    record Case(String function, String method, String path, String contentType, String body, String field) {
        @Override
        public String toString() {
            return method + " " + path + " " + (body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "..." : body);
        }
    }

    @Test
    void shouldAnswerEveryMalformedRequestWith4xxProblemJsonAndChangeNothing() {
        var owner = new AuthorizationMatrixIT.Tenant();
        owner.settle();
        List<Case> cases = cases(owner);
        assertTrue(cases.size() >= 200, "cases: " + cases.size());
        var before = Footprint.of(owner.id);
        var failures = new ArrayList<String>();

        for (Case c : cases) {
            Api api = owner.api(c.function);
            var headers = new ArrayList<>(List.of("Content-Type", c.contentType, "If-Match", "\"0\""));
            var answer = api.send(c.method, c.path, c.body, headers.toArray(String[]::new));
            String contentType = String.valueOf(answer.header("Content-Type"));
            if (answer.status() < 400 || answer.status() >= 500) {
                failures.add(c + " -> " + answer.status() + " " + answer.body());
            } else if (!contentType.startsWith("application/problem+json")) {
                failures.add(c + " -> not problem+json: " + contentType);
            } else if (answer.body().matches("(?s).*(java\\.|javax\\.|dev\\.psi\\.|Exception|micronaut|jackson|Source: ).*")) {
                failures.add(c + " -> framework text: " + answer.body());
            } else if (c.field != null && !answer.body().contains("\"field\":\"" + c.field + "\"")) {
                failures.add(c + " -> does not name " + c.field + ": " + answer.body());
            }
        }

        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " requests");
        assertEquals(before, Footprint.of(owner.id), "the malformed requests changed nothing");
    }

    private static List<Case> cases(AuthorizationMatrixIT.Tenant t) {
        var cases = new ArrayList<Case>();
        var templates = List.of(
                new Template("catalog", "POST", "/api/products", body("sku", "NEW-" + t.suffix, "name", "Pear", "unit", "kg",
                        "salePrice", 3.5, "purchasePrice", 2.0, "reorderPoint", 5, "reorderQuantity", 10,
                        "preferredSupplierCode", t.supplier),
                        List.of("sku", "name", "unit"), List.of("salePrice", "purchasePrice", "reorderPoint", "reorderQuantity"),
                        List.of("sku"), List.of("preferredSupplierCode")),
                new Template("catalog", "PUT", "/api/products/" + t.sku, body("sku", t.sku, "name", "Apple", "unit", "pcs",
                        "salePrice", 2.5, "purchasePrice", 1.0),
                        List.of("name", "unit"), List.of("salePrice", "purchasePrice"), List.of(), List.of()),
                new Template("catalog", "POST", "/api/warehouses", body("code", "NW-" + t.suffix, "name", "North"),
                        List.of("code", "name"), List.of(), List.of("code"), List.of()),
                new Template("catalog", "POST", "/api/customers", body("code", "NC-" + t.suffix, "name", "Li", "email", "li@x.example"),
                        List.of("code", "name"), List.of(), List.of("code"), List.of()),
                new Template("catalog", "POST", "/api/suppliers", body("code", "NS-" + t.suffix, "name", "Acme"),
                        List.of("code", "name"), List.of(), List.of("code"), List.of()),
                new Template("stock-adjust", "POST", "/api/stock/adjustments", body("warehouseCode", t.warehouse, "sku", t.sku,
                        "quantity", 5, "reason", "FOUND", "unitCost", 1.0),
                        List.of("warehouseCode", "sku", "quantity", "reason"), List.of("unitCost"), List.of(),
                        List.of("warehouseCode", "sku")),
                new Template("stock-adjust", "POST", "/api/stock/transfers", body("fromWarehouseCode", t.warehouse,
                        "toWarehouseCode", "NOPE-" + t.suffix, "lines", List.of(Map.of("sku", t.sku, "quantity", 1))),
                        List.of("fromWarehouseCode", "toWarehouseCode", "lines"), List.of(), List.of(),
                        List.of("fromWarehouseCode")),
                new Template("stock-adjust", "POST", "/api/stocktakes", body("warehouseCode", t.warehouse,
                        "lines", List.of(Map.of("sku", t.sku, "countedQuantity", -1))),
                        List.of("warehouseCode", "lines"), List.of(), List.of(), List.of("warehouseCode")),
                new Template("order-create", "POST", "/api/sales-orders", body("customerCode", t.customer, "warehouseCode",
                        t.warehouse, "lines", List.of(Map.of("sku", t.sku, "quantity", 1))),
                        List.of("customerCode", "warehouseCode", "lines"), List.of(), List.of(), List.of("customerCode", "warehouseCode")),
                new Template("order-create", "POST", "/api/purchase-orders", body("supplierCode", t.supplier, "warehouseCode",
                        t.warehouse, "expectedDate", "2026-12-24", "lines", List.of(Map.of("sku", t.sku, "quantity", 1, "unitPrice", 1))),
                        List.of("supplierCode", "warehouseCode", "lines"), List.of(), List.of(), List.of("supplierCode", "warehouseCode")),
                new Template("order-workflow", "POST", "/api/sales-orders/" + t.salesOrder + "/shipments",
                        body("lines", List.of(Map.of("sku", t.sku, "quantity", 5))), List.of(), List.of(), List.of(), List.of()),
                new Template("order-workflow", "POST", "/api/purchase-orders/" + t.purchaseOrder + "/receipts",
                        body("lines", List.of(Map.of("sku", t.sku, "quantity", 2))), List.of(), List.of(), List.of(), List.of()));

        for (Template template : templates) {
            template.generate(cases::add);
        }
        // Lines: zero, negative, huge and wrong-typed quantities, unknown SKUs, hostile SKUs, too many lines.
        for (String[] endpoint : new String[][] {{"order-create", "/api/sales-orders"}, {"order-create", "/api/purchase-orders"},
                {"stock-adjust", "/api/stock/transfers"}, {"order-workflow", "/api/sales-orders/" + t.salesOrder + "/shipments"},
                {"order-workflow", "/api/purchase-orders/" + t.purchaseOrder + "/receipts"}}) {
            for (Object quantity : List.of(0, -1, -0.5, 1e30, "12345678901234567890.12345", "many", List.of(1), Map.of())) {
                cases.add(lineCase(t, endpoint, Map.of("sku", t.sku, "quantity", quantity)));
            }
            for (String sku : concat(List.of("NO-SUCH-" + t.suffix, ""), HOSTILE)) {
                cases.add(lineCase(t, endpoint, Map.of("sku", sku, "quantity", 1)));
            }
            var many = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 501; i++) {
                many.add(Map.of("sku", t.sku, "quantity", 1));
            }
            cases.add(new Case(endpoint[0], "POST", endpoint[1], "application/json", linesBody(t, endpoint[1], many), null));
        }
        // An adjustment's quantity is signed: zero, text, too many digits, a boolean, more than there is.
        for (Object quantity : List.of(0, "twelve", 1e30, true, -1000, "0.00001")) {
            cases.add(new Case("stock-adjust", "POST", "/api/stock/adjustments", "application/json", Api.write(body(
                    "warehouseCode", t.warehouse, "sku", t.sku, "quantity", quantity, "reason", "DAMAGE")), null));
        }
        cases.add(new Case("stock-adjust", "POST", "/api/stock/adjustments", "application/json", Api.write(body(
                "warehouseCode", t.warehouse, "sku", t.sku, "quantity", 1, "reason", "found")), "reason"));
        cases.add(new Case("catalog", "POST", "/api/products", "application/json", Api.write(body(
                "sku", "P-" + t.suffix, "name", "P", "unit", "kg", "salePrice", "twelve")), "salePrice"));
        // Keys in paths and query parameters.
        for (String hostile : HOSTILE) {
            String key = java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8);
            cases.add(new Case("catalog", "GET", "/api/products/" + key, "application/json", null, null));
            cases.add(new Case("catalog", "POST", "/api/products/" + key + "/deactivate", "application/json", "{}", null));
            cases.add(new Case("order-workflow", "POST", "/api/sales-orders/" + key + "/cancel", "application/json", "{}", null));
            cases.add(new Case("catalog", "GET", "/api/products?sort=" + key, "application/json", null, null));
        }
        for (String query : List.of("page=-1", "size=0", "size=100000", "page=abc", "size=1e3", "sort=password",
                "active=perhaps")) {
            cases.add(new Case("catalog", "GET", "/api/products?" + query, "application/json", null, null));
            cases.add(new Case("order-workflow", "GET", "/api/sales-orders?" + query, "application/json", null, null));
        }
        for (String query : List.of("from=yesterday", "to=2026-13-45", "type=TELEPORT")) {
            cases.add(new Case("inventory-query", "GET", "/api/inventory/" + t.sku + "/movements?" + query, "application/json", null, null));
        }
        cases.add(new Case("order-workflow", "GET", "/api/sales-orders?status=FLYING", "application/json", null, "status"));
        // What binding alone would let through: a flag that is neither true nor false, a parameter the
        // endpoint does not take (a typo would otherwise list everything).
        cases.add(new Case("catalog", "GET", "/api/warehouses?active=yes", "application/json", null, "active"));
        cases.add(new Case("order-workflow", "GET", "/api/sales-orders?stauts=PLACED", "application/json", null, "stauts"));

        return cases;
    }

    private static Case lineCase(AuthorizationMatrixIT.Tenant t, String[] endpoint, Map<String, Object> line) {
        return new Case(endpoint[0], "POST", endpoint[1], "application/json", linesBody(t, endpoint[1], List.of(line)), null);
    }

    private static String linesBody(AuthorizationMatrixIT.Tenant t, String path, List<?> lines) {
        Map<String, Object> body = switch (path) {
            case "/api/sales-orders" -> body("customerCode", t.customer, "warehouseCode", t.warehouse);
            case "/api/purchase-orders" -> body("supplierCode", t.supplier, "warehouseCode", t.warehouse);
            case "/api/stock/transfers" -> body("fromWarehouseCode", t.warehouse, "toWarehouseCode", t.warehouse);
            default -> body();
        };
        body.put("lines", lines);
        return Api.write(body);
    }

    /**
     * A valid body and how to break it: each required field left out or given the wrong type, numbers
     * made huge, negative or text, codes made hostile, references pointed at nothing; and the body
     * itself broken (invalid JSON, a list, text after the value, too large, another content type).
     */
    record Template(String function, String method, String path, Map<String, Object> valid, List<String> required,
                    List<String> numbers, List<String> newCodes, List<String> references) {

        void generate(Consumer<Case> out) {
            for (String field : required) {
                var body = new LinkedHashMap<>(valid);
                body.remove(field);
                out.accept(json(body, field));
                body.put(field, null);
                out.accept(json(body, field));
                if (!numbers.contains(field)) {
                    out.accept(json(with(field, Map.of("nested", 1)), field));
                    out.accept(json(with(field, ""), field));
                }
            }
            for (String field : numbers) {
                out.accept(json(with(field, "twelve"), field));
                out.accept(json(with(field, -5), field));
                out.accept(json(with(field, 1e30), field));
                out.accept(json(with(field, true), field));
            }
            for (String field : newCodes) {
                for (String hostile : HOSTILE) {
                    out.accept(json(with(field, hostile), field));
                }
                out.accept(json(with(field, "x".repeat(65)), field));
            }
            for (String field : references) {
                out.accept(json(with(field, "NO-SUCH-" + Integer.toHexString(field.hashCode())), null));
                out.accept(json(with(field, HOSTILE.get(0)), null));
            }
            String text = Api.write(valid);
            out.accept(new Case(function, method, path, "application/json", text.substring(0, text.length() / 2), null));
            out.accept(new Case(function, method, path, "application/json", text.replace('"', '\''), null));
            out.accept(new Case(function, method, path, "application/json", "[" + text + "]", null));
            // one JSON value and nothing after it: a stray brace, a second object
            out.accept(new Case(function, method, path, "application/json", text + "}", null));
            out.accept(new Case(function, method, path, "application/json", text + " " + text, null));
            if (!required.isEmpty()) { // an empty shipment or receipt is valid: it ships or receives the rest
                out.accept(new Case(function, method, path, "application/json", "", null));
            }
            out.accept(new Case(function, method, path, "text/plain", text, null));
            out.accept(new Case(function, method, path, "application/xml", "<product/>", null));
            out.accept(new Case(function, method, path, "application/x-www-form-urlencoded", "sku=A&name=B", null));
            var huge = new LinkedHashMap<>(valid);
            huge.put("note", "x".repeat(2 * 1024 * 1024));
            out.accept(json(huge, null));
        }

        private Map<String, Object> with(String field, Object value) {
            var body = new LinkedHashMap<>(valid);
            body.put(field, value);
            return body;
        }

        private Case json(Map<String, Object> body, String field) {
            return new Case(function, method, path, "application/json", Api.write(body), field);
        }
    }

    private static Map<String, Object> body(Object... pairs) {
        var body = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

package dev.psi.order.create;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One order of mixed tax rates with a line discount in percent, one in money and a document discount,
 * for a tax-exclusive and a tax-inclusive tenant. Products: A at 13 %, B at 5 %, C without a rate of its
 * own (the tenant's default 20 % would apply) but overridden to 0 % on the line. Lines:
 * <pre>
 * A 3 x 19.99 = 59.97, less 10 % (6.00)  = 53.97
 * B 2 x  7.25 = 14.50, less 1.50         = 13.00
 * C 1 x 10.00                            = 10.00      sum 76.97
 * </pre>
 * Every figure asserted is computed by hand in the comments, from the rule in OrderPricing.
 */
@MicronautTest
class TaxesAndDiscountsIT extends TenantTest {

    private void catalog(boolean pricesIncludeTax) {
        Rows.execute("INSERT INTO tenants (id, name, default_tax_rate, prices_include_tax) VALUES (?, ?, 20.00, ?)",
                tenant, tenant, pricesIncludeTax);
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.supplier(tenant, "SUP1");
        Fixtures.customer(tenant, "CUS1");
        aProduct(tenant, "A").create();
        aProduct(tenant, "B").create();
        aProduct(tenant, "C").create();
        aProduct(tenant, "D").create();
        Rows.execute("UPDATE products SET tax_rate = 13.00 WHERE tenant_id = ? AND sku = 'A'", tenant);
        Rows.execute("UPDATE products SET tax_rate = 5.00 WHERE tenant_id = ? AND sku = 'B'", tenant);
    }

    @Test
    void shouldPriceATaxExclusivePurchaseOrderPerLineWithBothDiscounts() {
        catalog(false);
        var order = purchase(Map.of("discountAmount", new BigDecimal("5.00")));

        assertEquals(201, order.status(), order.body());
        // Document discount 5.00 pro rata: B 5 x 13.00 / 76.97 = 0.84, C 5 x 10.00 / 76.97 = 0.65, A (largest) 3.51.
        // A net 53.97 - 3.51 = 50.46, tax 50.46 x 13 % = 6.5598 -> 6.56, gross 57.02, net unit 50.46 / 3 = 16.82
        assertLine(order, 0, "13", "6.00", "3.51", "50.46", "6.56", "57.02", "16.82");
        // B net 13.00 - 0.84 = 12.16, tax 12.16 x 5 % = 0.608 -> 0.61, gross 12.77, net unit 6.08
        assertLine(order, 1, "5", "1.50", "0.84", "12.16", "0.61", "12.77", "6.08");
        // C net 10.00 - 0.65 = 9.35 at 0 %
        assertLine(order, 2, "0", "0", "0.65", "9.35", "0", "9.35", "9.35");
        assertTotals(order, "5.00", "71.97", "7.17", "79.14");

        String number = order.text("number");
        var stored = Rows.one("SELECT total_amount, net_amount, tax_amount, discount_amount FROM purchase_orders"
                + " WHERE tenant_id = ? AND number = ?", tenant, number);
        assertDecimal("79.14", stored.get("total_amount"));
        assertDecimal("71.97", stored.get("net_amount"));
        assertDecimal("7.17", stored.get("tax_amount"));
        assertDecimal("5.00", stored.get("discount_amount"));
        var a = Rows.one("SELECT l.tax_rate, l.discount_percent, l.discount_amount, l.document_discount, l.net_amount,"
                + " l.tax_amount, l.gross_amount, l.net_unit_price FROM purchase_order_lines l"
                + " JOIN purchase_orders o ON o.id = l.order_id WHERE o.tenant_id = ? AND o.number = ? AND l.line_no = 1",
                tenant, number);
        assertDecimal("13", a.get("tax_rate"));
        assertDecimal("10", a.get("discount_percent"));
        assertDecimal("6.00", a.get("discount_amount"));
        assertDecimal("3.51", a.get("document_discount"));
        assertDecimal("50.46", a.get("net_amount"));
        assertDecimal("6.56", a.get("tax_amount"));
        assertDecimal("57.02", a.get("gross_amount"));
        assertDecimal("16.82", a.get("net_unit_price"));

        String payload = (String) Rows.one("SELECT payload FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = 'psi.purchase-order.submitted.v1'", tenant, number).get("payload");
        assertTrue(payload.matches("(?s).*\"sku\":\"A\".*\"unitPrice\":19\\.99.*\"netUnitPrice\":16\\.82.*\"taxRate\":13"
                + ".*\"netAmount\":50\\.46.*\"taxAmount\":6\\.56.*"), payload);
    }

    @Test
    void shouldDeriveNetFromGrossPerLineForATaxInclusiveTenant() {
        catalog(true);
        var order = sales(Map.of("discountPercent", new BigDecimal("5")));

        assertEquals(201, order.status(), order.body());
        // Document discount 5 % of 76.97 = 3.8485 -> 3.85: B 3.85 x 13.00 / 76.97 = 0.65, C 0.50, A the rest 2.70.
        // A gross 53.97 - 2.70 = 51.27, net 51.27 x 100 / 113 = 45.3717 -> 45.37, tax 5.90, net unit 45.37 / 3 = 15.123333
        assertLine(order, 0, "13", "6.00", "2.70", "45.37", "5.90", "51.27", "15.123333");
        // B gross 13.00 - 0.65 = 12.35, net 12.35 / 1.05 = 11.7619 -> 11.76, tax 0.59, net unit 5.88
        assertLine(order, 1, "5", "1.50", "0.65", "11.76", "0.59", "12.35", "5.88");
        // C gross 10.00 - 0.50 = 9.50 at 0 %: all net
        assertLine(order, 2, "0", "0", "0.50", "9.50", "0", "9.50", "9.50");
        assertTotals(order, "3.85", "66.63", "6.49", "73.12");
        assertEquals(Boolean.TRUE, order.at("pricesIncludeTax"));

        var stored = Rows.one("SELECT total_amount, net_amount, tax_amount, discount_percent, discount_amount,"
                + " prices_include_tax FROM sales_orders WHERE tenant_id = ? AND number = ?", tenant, order.text("number"));
        assertDecimal("73.12", stored.get("total_amount"));
        assertDecimal("66.63", stored.get("net_amount"));
        assertDecimal("6.49", stored.get("tax_amount"));
        assertDecimal("5", stored.get("discount_percent"));
        assertDecimal("3.85", stored.get("discount_amount"));
        String payload = (String) Rows.one("SELECT payload FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = 'psi.sales-order.placed.v1'", tenant, order.text("number")).get("payload");
        assertTrue(payload.contains("\"netUnitPrice\":15.123333"), payload);
        assertTrue(payload.contains("\"netAmount\":11.76"), payload);
    }

    @Test
    void shouldTaxALineAtTheTenantsDefaultRateWhenNeitherLineNorProductHasOne() {
        catalog(false);
        var order = api.post("/api/sales-orders", Map.of("customerCode", "CUS1", "warehouseCode", "WH1",
                "lines", List.of(line("D", "2", "10.00", null, null, null))));

        assertEquals(201, order.status(), order.body());
        // 2 x 10.00 = 20.00 at the tenant's 20 %: tax 4.00, gross 24.00
        assertLine(order, 0, "20", "0", "0", "20.00", "4.00", "24.00", "10");
        assertTotals(order, "0", "20.00", "4.00", "24.00");
    }

    @Test
    void shouldCompareTheGrossTotalWithTheApprovalThreshold() {
        catalog(false);
        // Net 71.97 is below 79.00, gross 79.14 above it.
        Rows.execute("UPDATE tenants SET po_approval_threshold = 79.00 WHERE id = ?", tenant);
        var order = purchase(Map.of("discountAmount", new BigDecimal("5.00")));

        assertEquals(201, order.status(), order.body());
        assertEquals("PENDING_APPROVAL", order.text("status"));
        assertTrue(order.text("history.0.reason").contains("total 79.14 is above"), order.body());
    }

    @Test
    void shouldRefuseBadRatesAndDiscountsNamingTheFieldAndStoreNothing() {
        catalog(false);
        var rate = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", "100.01", null, null)), Map.of()));
        var negativeRate = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", "-1", null, null)), Map.of()));
        var both = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", null, "5", "1.00")), Map.of()));
        var tooMuch = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", null, null, "10.01")), Map.of()));
        var negative = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", null, null, "-1")), Map.of()));
        var percent = api.post("/api/purchase-orders", purchaseOrder(List.of(line("A", "1", "10.00", null, "101", null)),
                Map.of()));
        var document = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", null, null, "1.00")),
                Map.of("discountAmount", new BigDecimal("9.01"))));
        var documentBoth = api.post("/api/purchase-orders", purchaseOrder(List.of(line("A", "1", "10.00", null, null, null)),
                Map.of("discountAmount", new BigDecimal("1"), "discountPercent", new BigDecimal("1"))));
        var documentPercent = api.post("/api/sales-orders", order(List.of(line("A", "1", "10.00", null, null, null)),
                Map.of("discountPercent", new BigDecimal("100.5"))));

        assertField(rate, "lines[0].taxRate");
        assertField(negativeRate, "lines[0].taxRate");
        assertField(both, "lines[0].discountAmount");
        assertTrue(both.text("errors.0.message").contains("not both"), both.body());
        assertField(tooMuch, "lines[0].discountAmount");
        assertField(negative, "lines[0].discountAmount");
        assertField(percent, "lines[0].discountPercent");
        assertField(document, "discountAmount");
        assertTrue(document.text("errors.0.message").contains("9.00"), "names the most it may be: " + document.body());
        assertField(documentBoth, "discountAmount");
        assertField(documentPercent, "discountPercent");
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM sales_orders WHERE tenant_id = ?", tenant));
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM purchase_orders WHERE tenant_id = ?", tenant));
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM outbox WHERE tenant_id = ?", tenant));
    }

    private Api.Response purchase(Map<String, Object> discount) {
        return api.post("/api/purchase-orders", purchaseOrder(mixedLines(), discount));
    }

    private Api.Response sales(Map<String, Object> discount) {
        return api.post("/api/sales-orders", order(mixedLines(), discount));
    }

    private static List<Map<String, Object>> mixedLines() {
        return List.of(line("A", "3", "19.99", null, "10", null), line("B", "2", "7.25", null, null, "1.50"),
                line("C", "1", "10.00", "0", null, null));
    }

    private static Map<String, Object> order(List<Map<String, Object>> lines, Map<String, Object> discount) {
        var body = new LinkedHashMap<String, Object>(Map.of("customerCode", "CUS1", "warehouseCode", "WH1", "lines", lines));
        body.putAll(discount);
        return body;
    }

    private static Map<String, Object> purchaseOrder(List<Map<String, Object>> lines, Map<String, Object> discount) {
        var body = new LinkedHashMap<String, Object>(Map.of("supplierCode", "SUP1", "warehouseCode", "WH1", "lines", lines));
        body.putAll(discount);
        return body;
    }

    private static Map<String, Object> line(String sku, String quantity, String price, String taxRate,
                                            String discountPercent, String discountAmount) {
        var line = new LinkedHashMap<String, Object>();
        line.put("sku", sku);
        line.put("quantity", new BigDecimal(quantity));
        line.put("unitPrice", new BigDecimal(price));
        if (taxRate != null) {
            line.put("taxRate", new BigDecimal(taxRate));
        }
        if (discountPercent != null) {
            line.put("discountPercent", new BigDecimal(discountPercent));
        }
        if (discountAmount != null) {
            line.put("discountAmount", new BigDecimal(discountAmount));
        }
        return line;
    }

    private static void assertLine(Api.Response order, int i, String rate, String lineDiscount, String share, String net,
                                   String tax, String gross, String netUnitPrice) {
        String at = "lines." + i + ".";
        assertDecimal(rate, order.decimal(at + "taxRate"));
        assertDecimal(lineDiscount, order.decimal(at + "discountAmount"));
        assertDecimal(share, order.decimal(at + "documentDiscount"));
        assertDecimal(net, order.decimal(at + "netAmount"));
        assertDecimal(tax, order.decimal(at + "taxAmount"));
        assertDecimal(gross, order.decimal(at + "grossAmount"));
        assertDecimal(gross, order.decimal(at + "amount"));
        assertDecimal(netUnitPrice, order.decimal(at + "netUnitPrice"));
    }

    private static void assertTotals(Api.Response order, String documentDiscount, String net, String tax, String gross) {
        assertDecimal(documentDiscount, order.decimal("discountAmount"));
        assertDecimal(net, order.decimal("netAmount"));
        assertDecimal(tax, order.decimal("taxAmount"));
        assertDecimal(gross, order.decimal("totalAmount"));
    }

    private static void assertField(Api.Response response, String field) {
        assertEquals(400, response.status(), response.body());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(field, response.text("errors.0.field"), response.body());
    }

    private static void assertDecimal(String expected, Object actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(String.valueOf(actual))),
                "expected " + expected + ", was " + actual);
    }
}

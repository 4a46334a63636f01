package dev.psi.order.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.StockEvents;
import dev.psi.contract.order.OrderMovement;
import dev.psi.order.workflow.documents.FallbackFont;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery notes, sales invoices and goods-received notes of shipments and receipts confirmed through the event
 * chain's answers (posted to /events as a KafkaSource delivers them), as HTML and as PDF.
 */
@MicronautTest
class PrintedDocumentsIT extends WorkflowTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TENANT_NAME = "Acme <Trading> & Sons";

    @BeforeEach
    void tenantName() {
        Rows.execute("INSERT INTO tenants (id, name) VALUES (?, ?)", tenant, TENANT_NAME);
    }

    /**
     * SO-D, tax-exclusive: A 3 x 10.00 less 10 % (3.00) = 27.00 at 13 %, B 2 x 10.00 less 1.00 = 19.00 at 6 %;
     * order discount 5 % of 46.00 = 2.30, A's share round(2.30 x 27 / 46) = 1.35, B's 0.95. A: net 25.65, tax
     * round(3.3345) = 3.33, gross 28.98; B: net 18.05, tax round(1.083) = 1.08, gross 19.13. As order-create stores it.
     */
    private void taxedOrder() {
        OrderSeed.salesOrder(tenant, "SO-D", "A", 3, "B", 2);
        Rows.execute("UPDATE sales_order_lines l JOIN products p ON p.id = l.product_id SET l.tax_rate = 13,"
                + " l.discount_percent = 10, l.discount_amount = 3.00, l.document_discount = 1.35, l.net_amount = 25.65,"
                + " l.tax_amount = 3.33, l.gross_amount = 28.98, l.net_unit_price = 8.550000"
                + " WHERE l.tenant_id = ? AND p.sku = 'A'", tenant);
        Rows.execute("UPDATE sales_order_lines l JOIN products p ON p.id = l.product_id SET l.tax_rate = 6,"
                + " l.discount_amount = 1.00, l.document_discount = 0.95, l.net_amount = 18.05,"
                + " l.tax_amount = 1.08, l.gross_amount = 19.13, l.net_unit_price = 9.025000"
                + " WHERE l.tenant_id = ? AND p.sku = 'B'", tenant);
        Rows.execute("UPDATE sales_orders SET total_amount = 47.11, net_amount = 43.70, tax_amount = 4.41,"
                + " discount_percent = 5, discount_amount = 2.30 WHERE tenant_id = ?", tenant);
        deliver(new StockEvents.Reserved(id(), tenant, "SO-D", Instant.now(), "SO-D", "WH1",
                List.of(qty("A", "3"), qty("B", "2"))));
    }

    /** Ships {@code lines} (sku, quantity) and confirms it as stock-adjust does; answers the shipment number. */
    private String ship(Object... skuQuantity) {
        var lines = new java.util.ArrayList<Map<String, Object>>();
        var issued = new java.util.ArrayList<Lines.Priced>();
        for (int i = 0; i < skuQuantity.length; i += 2) {
            lines.add(Map.of("sku", skuQuantity[i], "quantity", skuQuantity[i + 1]));
            issued.add(new Lines.Priced((String) skuQuantity[i], new BigDecimal(String.valueOf(skuQuantity[i + 1])),
                    new BigDecimal("4")));
        }
        var response = api.post("/api/sales-orders/SO-D/shipments", Map.of("lines", lines));
        assertEquals(202, response.status(), response.body());
        String shipment = lastNumber("SO-D", "psi.sales-order.shipment-requested.v1", "shipmentNumber");
        assertEquals(200, deliver(new StockEvents.Issued(id(), tenant, "SO-D", Instant.now(), "SO-D", shipment, "WH1",
                issued)).status());
        return shipment;
    }

    @Test
    void shouldInvoiceEachPartOfATaxedDiscountedOrderAtItsShareAndShowFinancesInvoiceNumber() throws IOException {
        taxedOrder();
        String first = ship("A", 1, "B", 2);
        String second = ship("A", 2);
        Rows.execute("INSERT INTO finance_documents (tenant_id, number, side, kind, partner_code, order_number,"
                + " source_document, source_event_id, document_date, amount, settled, created_at) VALUES"
                + " (?, 'INV-2026-000042', 'RECEIVABLE', 'INVOICE', 'CUS1', 'SO-D', ?, ?, '2026-12-03', 28.79, 0, NOW())",
                tenant, first, id());

        var html = get("/api/sales-orders/SO-D/shipments/" + first + "/invoice", "text/html");
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String page = text(html);
        assertTrue(page.contains("Acme &lt;Trading&gt; &amp; Sons"), "the tenant's name, escaped: " + page);
        assertTrue(page.contains("INV-2026-000042") && page.contains(first) && page.contains("SO-D"), page);
        // A: 1 of 3 shipped: gross round(28.98 / 3) = 9.66, net round(25.65 / 3) = 8.55, tax 1.11,
        // discount round((3.00 + 1.35) / 3) = 1.45. B whole: 19.13, 18.05, 1.08, discount 1.95.
        assertTrue(page.contains("<td class=\"n\">1.45</td><td class=\"n\">8.55</td><td class=\"n\">13</td>"
                + "<td class=\"n\">1.11</td><td class=\"n\">9.66</td>"), page);
        assertTrue(page.contains("<td class=\"n\">1.95</td><td class=\"n\">18.05</td><td class=\"n\">6</td>"
                + "<td class=\"n\">1.08</td><td class=\"n\">19.13</td>"), page);
        assertEquals("26.60", total(page, "Net total"));
        assertEquals("2.19", total(page, "Tax total"));
        assertEquals("28.79", total(page, "Gross total (amount due)"), "finance's invoice amount");

        // The second part: A 2 of 3: gross round(19.32) = 19.32, net 17.10, tax 2.22; A's two parts add up to 28.98.
        String rest = text(get("/api/sales-orders/SO-D/shipments/" + second + "/invoice?format=html", null));
        assertEquals("17.10", total(rest, "Net total"));
        assertEquals("2.22", total(rest, "Tax total"));
        assertEquals("19.32", total(rest, "Gross total (amount due)"));
        assertTrue(rest.contains("not yet booked (reference " + second + ")"), "no invoice booked yet, said so: " + rest);

        var pdf = get("/api/sales-orders/SO-D/shipments/" + first + "/invoice", "application/pdf");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        String extracted = pdfText(pdf.body());
        assertTrue(extracted.contains(TENANT_NAME) && extracted.contains("Sales invoice"), extracted);
        assertTrue(extracted.contains("INV-2026-000042") && extracted.contains(first) && extracted.contains("SO-D"),
                extracted);
        assertTrue(extracted.contains("28.79") && extracted.contains("9.66"), extracted);
        assertEquals(pdfText(get("/api/sales-orders/SO-D/shipments/" + first + "/invoice?format=pdf", "text/html")
                .body()), extracted, "?format wins over Accept");
    }

    @Test
    void shouldPrintADeliveryNoteWithoutPricesEscapingWhatItShowsAndSurviveNonLatinNames() throws IOException {
        Rows.execute("UPDATE products SET name = '<script>alert(1)</script>' WHERE tenant_id = ? AND sku = 'A'", tenant);
        Rows.execute("UPDATE products SET name = '螺丝刀 screwdriver' WHERE tenant_id = ? AND sku = 'B'", tenant);
        taxedOrder();
        String shipment = ship("A", 2, "B", 1);

        var html = get("/api/sales-orders/SO-D/shipments/" + shipment + "/delivery-note", "text/html,*/*;q=0.8");
        assertEquals(200, html.statusCode());
        String page = text(html);
        assertTrue(page.contains("Delivery note") && page.contains(shipment) && page.contains("Customer CUS1"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        assertFalse(page.contains("<script>"), "no markup from the data: " + page);
        assertTrue(page.contains("螺丝刀 screwdriver"), page);
        assertFalse(page.contains("Unit price") || page.contains("28.98"), "a delivery note shows no prices");

        var pdf = get("/api/sales-orders/SO-D/shipments/" + shipment + "/delivery-note?format=pdf", null);
        assertEquals(200, pdf.statusCode());
        String extracted = pdfText(pdf.body());
        assertTrue(extracted.contains(shipment) && extracted.contains(TENANT_NAME), extracted);
        assertTrue(extracted.contains("<script>alert(1)</script>"), "printed as text: " + extracted);
    }

    /**
     * Chinese names in an embedded subset of the fallback font. Needs a CJK font on the machine (Debian's
     * fonts-wqy-microhei, which .ci/run installs): without one it skips, except under CI=true, where it fails.
     * DocumentPdfTest covers the PDF without any such font.
     */
    @Test
    void shouldPrintChineseTenantCustomerAndProductNamesInTheirOwnCharacters() throws IOException {
        boolean fontHere = FallbackFont.configured(System.getenv("PSI_DOCUMENT_FONT")).isUsable();
        assumeTrue(fontHere || "true".equalsIgnoreCase(System.getenv("CI")),
                "no CJK font on this machine (apt-get install fonts-wqy-microhei)");
        assertTrue(fontHere, "CI installs fonts-wqy-microhei (.ci/run)");
        Rows.execute("UPDATE tenants SET name = '杭州茶业有限公司' WHERE id = ?", tenant);
        Rows.execute("UPDATE customers SET name = '华东商贸有限公司', address = '上海市浦东新区 88号'"
                + " WHERE tenant_id = ? AND code = 'CUS1'", tenant);
        Rows.execute("UPDATE products SET name = '绿茶 500g', unit = '盒' WHERE tenant_id = ? AND sku = 'A'", tenant);
        taxedOrder();
        String shipment = ship("A", 2, "B", 1);

        for (String document : List.of("delivery-note", "invoice")) {
            String path = "/api/sales-orders/SO-D/shipments/" + shipment + "/" + document;
            String page = text(get(path, "text/html"));
            assertTrue(page.contains("杭州茶业有限公司") && page.contains("华东商贸有限公司") && page.contains("绿茶 500g"),
                    page);
            var pdf = get(path, "application/pdf");
            assertEquals(200, pdf.statusCode());
            String extracted = pdfText(pdf.body());
            assertTrue(extracted.contains("杭州茶业有限公司"), "the tenant, bold: " + extracted);
            assertTrue(extracted.contains("华东商贸有限公司 (CUS1)") && extracted.contains("上海市浦东新区 88号"),
                    extracted);
            assertTrue(extracted.contains("绿茶 500g") && extracted.contains("盒"), extracted);
            assertFalse(extracted.contains("?"), "no character replaced: " + extracted);
            try (var parsed = Loader.loadPDF(pdf.body())) {
                var resources = parsed.getPage(0).getResources();
                var embedded = new java.util.ArrayList<String>();
                for (var name : resources.getFontNames()) {
                    var font = resources.getFont(name);
                    if (font.isEmbedded()) {
                        embedded.add(font.getName());
                    }
                }
                assertEquals(1, embedded.size(), "one embedded font: " + embedded);
                assertTrue(embedded.get(0).matches("[A-Z]{6}\\+.+"), "a subset: " + embedded);
            }
            assertTrue(pdf.body().length < 100_000, "a subset, not a whole CJK font: " + pdf.body().length);
        }
    }

    @Test
    void shouldPrintAGoodsReceivedNoteOfAReceipt() throws IOException {
        OrderSeed.purchaseOrder(tenant, "PO-D", "A", 10);
        assertEquals(202, api.post("/api/purchase-orders/PO-D/receipts",
                Map.of("lines", List.of(Map.of("sku", "A", "quantity", 4)))).status());
        String receipt = lastNumber("PO-D", "psi.purchase-order.goods-received.v1", "receiptNumber");
        deliver(new StockEvents.Received(id(), tenant, "PO-D", Instant.now(), "PO-D", receipt, "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("4"), BigDecimal.TEN))));

        String page = text(get("/api/purchase-orders/PO-D/receipts/" + receipt + "/goods-received-note", null));
        assertTrue(page.contains("Goods-received note") && page.contains(receipt) && page.contains("PO-D")
                && page.contains("Supplier SUP1"), page);
        assertTrue(page.contains("<td class=\"n\">10</td><td class=\"n\">4</td>"), "ordered 10, received 4: " + page);
        String extracted = pdfText(get("/api/purchase-orders/PO-D/receipts/" + receipt + "/goods-received-note",
                "application/pdf").body());
        assertTrue(extracted.contains(receipt) && extracted.contains("Goods-received note"), extracted);
    }

    @Test
    void shouldListAnOrdersShipmentsAndReceiptsWithWhatEachMovedAndTheInvoiceBookedForIt() throws IOException {
        taxedOrder();
        String first = ship("A", 1, "B", 2);
        String second = ship("A", 2);
        Rows.execute("INSERT INTO finance_documents (tenant_id, number, side, kind, partner_code, order_number,"
                + " source_document, source_event_id, document_date, amount, settled, created_at) VALUES"
                + " (?, 'INV-2026-000077', 'RECEIVABLE', 'INVOICE', 'CUS1', 'SO-D', ?, ?, '2026-12-03', 28.79, 0, NOW())",
                tenant, first, id());

        var shipments = movements("/api/sales-orders/SO-D/shipments");
        assertEquals(2, shipments.size(), shipments.toString());
        var one = shipments.get(0);
        assertEquals(List.of(first, "SHIPMENT", "WH1", "INV-2026-000077"),
                java.util.Arrays.asList(one.number(), one.kind(), one.warehouseCode(), one.invoiceNumber()));
        assertEquals(List.of("A", "B"), one.lines().stream().map(OrderMovement.Line::sku).toList());
        assertEquals(0, BigDecimal.ONE.compareTo(one.lines().get(0).quantity()));
        assertEquals(0, new BigDecimal("2").compareTo(one.lines().get(1).quantity()));
        assertEquals(second, shipments.get(1).number());
        assertEquals(null, shipments.get(1).invoiceNumber(), "no invoice booked for the second shipment yet");
        assertEquals(0, new BigDecimal("2").compareTo(shipments.get(1).lines().get(0).quantity()));
        assertFalse(shipments.get(1).movedAt().isBefore(one.movedAt()), "oldest first");

        OrderSeed.purchaseOrder(tenant, "PO-L", "A", 10);
        assertEquals(202, api.post("/api/purchase-orders/PO-L/receipts",
                Map.of("lines", List.of(Map.of("sku", "A", "quantity", 4)))).status());
        String receipt = lastNumber("PO-L", "psi.purchase-order.goods-received.v1", "receiptNumber");
        assertEquals(List.of(), movements("/api/purchase-orders/PO-L/receipts"),
                "a receipt stock-adjust has not confirmed is not listed");
        deliver(new StockEvents.Received(id(), tenant, "PO-L", Instant.now(), "PO-L", receipt, "WH1",
                List.of(new Lines.Priced("A", new BigDecimal("4"), BigDecimal.TEN))));
        var receipts = movements("/api/purchase-orders/PO-L/receipts");
        assertEquals(1, receipts.size(), receipts.toString());
        assertEquals(List.of(receipt, "RECEIPT"), List.of(receipts.get(0).number(), receipts.get(0).kind()));
        assertEquals(null, receipts.get(0).invoiceNumber());
        assertEquals(0, new BigDecimal("4").compareTo(receipts.get(0).lines().get(0).quantity()));

        var unknown = get("/api/sales-orders/SO-NOPE/shipments", "application/json");
        assertEquals(404, unknown.statusCode(), text(unknown));
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, get("/api/purchase-orders/PO-NOPE/receipts", "application/json").statusCode());
        assertEquals(404, get("/api/sales-orders/SO-D/shipments", "application/json", Fixtures.newTenant()).statusCode(),
                "another tenant sees no such order");
    }

    @Test
    void shouldAnswerUnknownDocumentsFormatsAndOtherTenantsWithProblems() throws IOException {
        taxedOrder();
        String shipment = ship("A", 1);
        String path = "/api/sales-orders/SO-D/shipments/" + shipment + "/invoice";

        var json = get(path, "application/json");
        assertEquals(406, json.statusCode(), text(json));
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(text(json).contains("urn:psi:problem:not-acceptable") && text(json).contains("application/pdf"),
                "names the formats there are: " + text(json));
        var docx = get(path + "?format=docx", null);
        assertEquals(400, docx.statusCode());
        assertTrue(text(docx).contains("\"field\":\"format\""), text(docx));
        for (String unknown : List.of("/api/sales-orders/SO-NOPE/shipments/" + shipment + "/invoice",
                "/api/sales-orders/SO-D/shipments/SH-NOPE/delivery-note",
                "/api/purchase-orders/PO-NOPE/receipts/GR-1/goods-received-note")) {
            var response = get(unknown, null);
            assertEquals(404, response.statusCode(), unknown);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        var other = get(path, null, Fixtures.newTenant());
        assertEquals(404, other.statusCode(), "another tenant's token sees no such order: " + text(other));
        assertEquals(404, get("/api/sales-orders/SO-D/shipments/" + shipment + "/delivery-note?format=pdf", null,
                Fixtures.newTenant()).statusCode());
        assertEquals(200, get(path, null).statusCode(), "the tenant's own token does");
    }

    private List<OrderMovement> movements(String path) {
        var response = api.get(path);
        assertEquals(200, response.status(), response.body());
        return response.read(io.micronaut.core.type.Argument.listOf(OrderMovement.class));
    }

    private HttpResponse<byte[]> get(String path, String accept) throws IOException {
        return get(path, accept, tenant);
    }

    private HttpResponse<byte[]> get(String path, String accept, String as) throws IOException {
        var request = HttpRequest.newBuilder(URI.create(server.getURI() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestTokens.token(TestTokens.secret(), as, "test-user",
                        List.of("viewer"), Duration.ofHours(1)));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String lastNumber(String order, String type, String field) {
        String payload = (String) Rows.one("SELECT payload FROM outbox WHERE tenant_id = ? AND aggregate_id = ?"
                + " AND event_type = ? ORDER BY id DESC LIMIT 1", tenant, order, type).get("payload");
        var m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(payload);
        assertTrue(m.find(), payload);
        return m.group(1);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String total(String page, String label) {
        var m = Pattern.compile("data-total=\"" + Pattern.quote(label) + "\">([^<]*)<").matcher(page);
        assertTrue(m.find(), label + " in " + page);
        return m.group(1);
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}

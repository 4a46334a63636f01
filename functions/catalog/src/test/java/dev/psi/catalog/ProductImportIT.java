package dev.psi.catalog;

import static dev.psi.testing.Fixtures.productRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.contract.catalog.ImportReport.Outcome;
import dev.psi.contract.catalog.ImportReport;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.Problem;
import dev.psi.testing.Api;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/products/import: good rows are stored, bad rows are reported by number with their field errors. */
@MicronautTest
class ProductImportIT extends TenantTest {

    private static final String HEADER = "sku,name,unit,barcode,category,purchasePrice,salePrice\n";

    @Test
    void shouldStoreGoodRowsAndReportTheBadRowWithItsNumberAndFields() {
        var reply = importCsv("create", HEADER
                + "IMP-1,Green tea,box,111,tea,8.40,12.50\n"
                + "IMP-2,,box,222,tea,1.00,-3\n"
                + "IMP-3,Black tea,box,333,tea,9.00,14.00\n");

        assertEquals(200, reply.status(), reply::toString);
        var report = reply.as(ImportReport.class);
        assertEquals(List.of(3, 2, 0, 1), List.of(report.totalRows(), report.created(), report.updated(), report.failed()));
        assertEquals(List.of(Outcome.CREATED, Outcome.FAILED, Outcome.CREATED), report.rows().stream().map(ImportReport.Row::outcome).toList());
        var bad = report.rows().get(1);
        assertEquals(2, bad.row());
        assertEquals("IMP-2", bad.sku());
        assertEquals(List.of("name", "salePrice"), bad.errors().stream().map(FieldError::field).sorted().toList());
        assertEquals(List.of("IMP-1", "IMP-3"), storedSkus());
        assertEquals(new BigDecimal("12.50"), Rows.one("SELECT sale_price FROM products WHERE tenant_id = ? AND sku = 'IMP-1'",
                api.tenant()).get("sale_price"));
    }

    @Test
    void shouldReportTextInANumberColumn() {
        var reply = importCsv("create", HEADER + "IMP-1,Green tea,box,,tea,cheap,12.50\n");

        var row = reply.as(ImportReport.class).rows().get(0);
        assertEquals(Outcome.FAILED, row.outcome());
        assertEquals(List.of("purchasePrice"), row.errors().stream().map(FieldError::field).toList());
        assertEquals(List.of(), storedSkus());
    }

    @Test
    void shouldUpdateAnExistingProductInUpsertMode() {
        var existing = productRequest().with("sku", "UPS-1");
        api.post("/api/products", existing.build());

        var reply = importCsv("upsert", HEADER
                + "UPS-1,Renamed by import,box,,tea,1.10,2.20\n"
                + "UPS-2,New by import,box,,tea,3.30,4.40\n");

        assertEquals(200, reply.status(), reply::toString);
        var report = reply.as(ImportReport.class);
        assertEquals(List.of(Outcome.UPDATED, Outcome.CREATED), report.rows().stream().map(ImportReport.Row::outcome).toList());
        assertEquals(List.of(1, 1), List.of(report.created(), report.updated()));
        var row = Rows.one("SELECT name, sale_price, version FROM products WHERE tenant_id = ? AND sku = 'UPS-1'", api.tenant());
        assertEquals(Map.of("name", "Renamed by import", "sale_price", new BigDecimal("2.20"), "version", 1), row);
        assertEquals(List.of("UPS-1", "UPS-2"), storedSkus());
    }

    @Test
    void shouldRefuseAnExistingSkuInCreateMode() {
        var existing = productRequest().with("sku", "CRE-1").with("name", "Original");
        api.post("/api/products", existing.build());

        var reply = importCsv("create", HEADER + "CRE-1,Overwritten,box,,tea,1.00,2.00\n");

        var row = reply.as(ImportReport.class).rows().get(0);
        assertEquals(Outcome.FAILED, row.outcome());
        assertEquals(List.of("sku"), row.errors().stream().map(FieldError::field).toList());
        assertEquals("Original", Rows.one("SELECT name FROM products WHERE tenant_id = ? AND sku = 'CRE-1'",
                api.tenant()).get("name"));
    }

    @Test
    void shouldReportARowRepeatingAnEarlierSku() {
        var reply = importCsv("upsert", HEADER
                + "REP-1,First,box,,tea,1.00,2.00\n"
                + "REP-2,Other,box,,tea,1.00,2.00\n"
                + "rep-1,Second,box,,tea,1.00,2.00\n");

        var report = reply.as(ImportReport.class);
        var repeat = report.rows().get(2);
        assertEquals(List.of(3, Outcome.FAILED), List.of(repeat.row(), repeat.outcome()));
        assertEquals(List.of(new FieldError("sku", "repeats row 1")), repeat.errors());
        assertEquals("First", Rows.one("SELECT name FROM products WHERE tenant_id = ? AND sku = 'REP-1'",
                api.tenant()).get("name"));
        assertEquals(List.of("REP-1", "REP-2"), storedSkus());
    }

    @Test
    void shouldReportABarcodeAlreadyTakenByAnotherProduct() {
        var reply = importCsv("create", HEADER
                + "BAR-1,First,box,4711,tea,1.00,2.00\n"
                + "BAR-2,Second,box,4711,tea,1.00,2.00\n");

        var report = reply.as(ImportReport.class);
        assertEquals(List.of(Outcome.CREATED, Outcome.FAILED), report.rows().stream().map(ImportReport.Row::outcome).toList());
        assertEquals(List.of("BAR-1"), storedSkus());
    }

    @Test
    void shouldReadQuotesByteOrderMarkAndCrlf() {
        var reply = importCsv("create", "\uFEFFsku,name,unit\r\n"
                + "Q-1,\"Tea, green \"\"premium\"\"\",box\r\n"
                + "\r\n"
                + "Q-2,\"Two\r\nlines\",box\r\n");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2, reply.as(ImportReport.class).created(), reply::toString);
        assertEquals("Tea, green \"premium\"", Rows.one("SELECT name FROM products WHERE tenant_id = ? AND sku = 'Q-1'",
                api.tenant()).get("name"));
        assertEquals("Two\r\nlines", Rows.one("SELECT name FROM products WHERE tenant_id = ? AND sku = 'Q-2'",
                api.tenant()).get("name"));
    }

    @Test
    void shouldRejectAnUnknownColumnWith400AndStoreNothing() {
        var reply = importCsv("create", "sku,name,unit,colour\nCOL-1,Green tea,box,green\n");

        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(List.of("header"), reply.errorFields());
        assertTrue(reply.as(Problem.class).errors().get(0).message().contains("colour"), reply::toString);
        assertEquals(List.of(), storedSkus());
        assertEquals(0L, Rows.count("SELECT COUNT(*) FROM audit_log WHERE tenant_id = ?", api.tenant()));
    }

    @Test
    void shouldRejectAHeaderNamingAColumnTwice() {
        var reply = importCsv("create", "sku,name,unit,name\nTWICE-1,Green tea,box,Black tea\n");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("body"), reply.errorFields());
        assertTrue(reply.as(Problem.class).errors().get(0).message().contains("'name'"), reply::toString);
        assertEquals(List.of(), storedSkus());
    }

    @Test
    void shouldReportARowWithMoreValuesThanColumns() {
        var reply = importCsv("create", "sku,name,unit\n"
                + "WIDE-1,Tea, green,box\n"
                + "WIDE-2,Black tea,box\n"
                + "WIDE-3,Oolong,box,\n");

        var report = reply.as(ImportReport.class);
        assertEquals(List.of(Outcome.FAILED, Outcome.CREATED, Outcome.CREATED),
                report.rows().stream().map(ImportReport.Row::outcome).toList(), reply::toString);
        assertEquals(List.of("row"), report.rows().get(0).errors().stream().map(FieldError::field).toList());
        assertEquals(List.of("WIDE-2", "WIDE-3"), storedSkus());
    }

    @Test
    void shouldRejectAnUnclosedQuoteWith400() {
        var reply = importCsv("create", "sku,name,unit\nU-1,\"Green tea,box\n");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("body"), reply.errorFields());
        assertEquals(List.of(), storedSkus());
    }

    @Test
    void shouldRejectAnUnknownMode() {
        var reply = importCsv("replace", HEADER + "M-1,Green tea,box,,tea,1.00,2.00\n");

        assertEquals(400, reply.status(), reply::toString);
        assertEquals(List.of("mode"), reply.errorFields());
        assertEquals(List.of(), storedSkus());
    }

    @Test
    void shouldReplayAnImportRepeatedWithTheSameKey() {
        String csv = HEADER + "IDEM-1,Green tea,box,,tea,1.00,2.00\n";
        var first = importCsv("create", csv, "Idempotency-Key", "import-1");

        var repeat = importCsv("create", csv, "Idempotency-Key", "import-1");

        assertEquals(200, repeat.status(), repeat::toString);
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        assertEquals(first.as(ImportReport.class), repeat.as(ImportReport.class));
        assertEquals(1, repeat.as(ImportReport.class).created(), "the first report, not 'already exists'");
    }

    private Api.Response importCsv(String mode, String csv, String... headers) {
        var all = java.util.stream.Stream.concat(java.util.stream.Stream.of("Content-Type", "text/csv"),
                java.util.Arrays.stream(headers)).toArray(String[]::new);
        return api.post("/api/products/import?mode=" + mode, csv, all);
    }

    private List<String> storedSkus() {
        return Rows.column("SELECT sku FROM products WHERE tenant_id = ? ORDER BY sku", api.tenant());
    }
}

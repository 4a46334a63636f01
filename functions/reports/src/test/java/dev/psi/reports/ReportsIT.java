package dev.psi.reports;

import static dev.psi.testing.Fixtures.aProduct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Fixtures;
import dev.psi.testing.Rows;
import dev.psi.testing.TenantTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every figure below is computed by hand from this history (A and B, two warehouses, UTC times):
 * <pre>
 * 01-05 PO-1 (S1) receipt  A@WH1 10 x 4.00   A@WH1 10 avg 4.00     value 40.00
 * 01-10 PO-3 (S1) receipt  B@WH2  5 x 3.00   B@WH2  5 avg 3.00     value 15.00
 * 01-12 ADJ-1 adjust in    A@WH2  2 x 7.00   A@WH2  2 avg 7.00     value 14.00  (no order: in no sales figure)
 * 01-15 SO-1 (C1) ship     A@WH1  4 @ 9.00   A@WH1  6              value 24.00  cost 16.00
 * 01-20 PO-2 (S2) receipt  A@WH1 10 x 6.00   A@WH1 16 avg 5.25     value 84.00  ((24 + 60) / 16)
 * 01-25 SO-2 (C2) ship     B@WH2  2 @ 5.50   B@WH2  3              value  9.00  cost  6.00
 * 02-03 SO-1 (C1) ship     A@WH1  8 @ 9.00   A@WH1  8              value 42.00  cost 42.00
 * 02-10 SO-1 (C1) return   A@WH1  1 @ 9.00   A@WH1  9 avg 5.25     value 47.25  cost back 5.25
 * </pre>
 */
@MicronautTest
class ReportsIT extends TenantTest {

    private static final String JAN_FEB = "from=2026-01-01&to=2026-02-28";

    @BeforeEach
    void history() {
        Fixtures.warehouse(tenant, "WH1");
        Fixtures.warehouse(tenant, "WH2");
        Fixtures.supplier(tenant, "S1");
        Fixtures.supplier(tenant, "S2");
        Fixtures.customer(tenant, "C1");
        Fixtures.customer(tenant, "C2");
        aProduct(tenant, "A").create();
        aProduct(tenant, "B").create();
        var seed = new LedgerSeed(tenant);
        seed.purchaseOrder("PO-1", "S1", "WH1", Map.of("A", new String[] {"10", "4.00"}));
        seed.purchaseOrder("PO-2", "S2", "WH1", Map.of("A", new String[] {"10", "6.00"}));
        seed.purchaseOrder("PO-3", "S1", "WH2", Map.of("B", new String[] {"5", "3.00"}));
        seed.salesOrder("SO-1", "C1", "WH1", Map.of("A", new String[] {"12", "9.00"}));
        seed.salesOrder("SO-2", "C2", "WH2", Map.of("B", new String[] {"2", "5.50"}));
        seed.in("RECEIPT", "PURCHASE_ORDER", "PO-1", "A", "WH1", "10", "4.00", "2026-01-05T09:00:00Z");
        seed.in("RECEIPT", "PURCHASE_ORDER", "PO-3", "B", "WH2", "5", "3.00", "2026-01-10T09:00:00Z");
        seed.in("ADJUSTMENT_IN", "ADJUSTMENT", "ADJ-1", "A", "WH2", "2", "7.00", "2026-01-12T09:00:00Z");
        seed.out("ISSUE", "SALES_ORDER", "SO-1", "A", "WH1", "4", "2026-01-15T10:00:00Z");
        seed.in("RECEIPT", "PURCHASE_ORDER", "PO-2", "A", "WH1", "10", "6.00", "2026-01-20T09:00:00Z");
        seed.out("ISSUE", "SALES_ORDER", "SO-2", "B", "WH2", "2", "2026-01-25T10:00:00Z");
        seed.out("ISSUE", "SALES_ORDER", "SO-1", "A", "WH1", "8", "2026-02-03T10:00:00Z");
        seed.in("RETURN_IN", "SALES_ORDER", "SO-1", "A", "WH1", "1", "5.25", "2026-02-10T10:00:00Z");
    }

    @Test
    void shouldComputeGrossProfitPerProductFromTheCostOnEachShipment() {
        var report = api.get("/api/reports/gross-profit?" + JAN_FEB + "&groupBy=product");

        assertEquals(200, report.status(), report.body());
        assertEquals(2, report.list("rows").size());
        // A: 4 x 9 + 8 x 9 - 1 x 9 = 99.00; cost 16.00 + 42.00 - 5.25 = 52.75; 46.25 / 99 = 46.72 %
        assertLine(report, "rows.0", "A", "11", "99.00", "52.75", "46.25", "46.72");
        // B: 2 x 5.50 = 11.00; cost 6.00; 5 / 11 = 45.45 %
        assertLine(report, "rows.1", "B", "2", "11.00", "6.00", "5.00", "45.45");
        assertLine(report, "total", "TOTAL", "13", "110.00", "58.75", "51.25", "46.59");
    }

    @Test
    void shouldComputeGrossProfitAtNetAmountsWithoutTheTax() {
        // March: C comes in at 6.00; SO-T sells 4 of C at 12.43 a unit including 13 % tax, less a 10 % line
        // discount: gross round(4 x 12.43, 2) = 49.72 - 4.97 = 44.75, net round(44.75 x 100 / 113, 2) = 39.60,
        // tax 5.15, net unit price 39.60 / 4 = 9.90. Revenue is the net 4 x 9.90 = 39.60, never the gross.
        aProduct(tenant, "C").create();
        var seed = new LedgerSeed(tenant);
        seed.salesOrder("SO-T", "C1", "WH1", Map.of("C", new String[] {"4", "12.43"}));
        seed.priceLine("sales_order_lines", "sales_orders", "SO-T", "C", "13", "39.60", "5.15", "44.75", "9.900000");
        seed.in("ADJUSTMENT_IN", "ADJUSTMENT", "ADJ-2", "C", "WH1", "10", "6.00", "2026-03-02T09:00:00Z");
        seed.out("ISSUE", "SALES_ORDER", "SO-T", "C", "WH1", "4", "2026-03-05T10:00:00Z");

        var report = api.get("/api/reports/gross-profit?from=2026-03-01&to=2026-03-31&groupBy=product");
        var sales = api.get("/api/reports/sales?from=2026-03-01&to=2026-03-31&groupBy=product");

        assertEquals(200, report.status(), report.body());
        // cost 4 x 6.00 = 24.00; profit 39.60 - 24.00 = 15.60; 15.60 / 39.60 = 39.39 %
        assertLine(report, "rows.0", "C", "4", "39.60", "24.00", "15.60", "39.39");
        assertEquals(200, sales.status(), sales.body());
        assertSales(sales, "rows.0", "C", 1, "4", "39.60");
    }

    @Test
    void shouldSumTheRevenueAShipmentBookedOnItsLedgerRowAndPriceAReturnByItsOrderLine() {
        // April: SO-N sells 5 of D. The first shipment (3) carries the 30.00 it booked (stock-adjust writes it
        // from the reservation's net unit price); the second (2), written before that column, and the return
        // of 1 (returns carry none) are priced by the order line, whose net unit price is 11.00.
        aProduct(tenant, "D").create();
        var seed = new LedgerSeed(tenant);
        seed.salesOrder("SO-N", "C2", "WH1", Map.of("D", new String[] {"5", "10.00"}));
        seed.in("ADJUSTMENT_IN", "ADJUSTMENT", "ADJ-3", "D", "WH1", "10", "4.00", "2026-04-01T09:00:00Z");
        seed.issue("SO-N", "D", "WH1", "3", "30.00", "2026-04-02T10:00:00Z");
        seed.out("ISSUE", "SALES_ORDER", "SO-N", "D", "WH1", "2", "2026-04-03T10:00:00Z");
        seed.in("RETURN_IN", "SALES_ORDER", "SO-N", "D", "WH1", "1", "4.00", "2026-04-04T10:00:00Z");
        seed.priceLine("sales_order_lines", "sales_orders", "SO-N", "D", "0", "55.00", "0", "55.00", "11.000000");

        var byCustomer = api.get("/api/reports/sales?from=2026-04-01&to=2026-04-30&groupBy=customer");
        var byDay = api.get("/api/reports/sales?from=2026-04-01&to=2026-04-30&groupBy=day");
        var profit = api.get("/api/reports/gross-profit?from=2026-04-01&to=2026-04-30&groupBy=order");

        assertEquals(200, byCustomer.status(), byCustomer.body());
        // 30.00 booked + 2 x 11.00 - 1 x 11.00 at the line's net unit price = 41.00
        assertSales(byCustomer, "rows.0", "C2", 1, "4", "41.00");
        assertSales(byCustomer, "total", "TOTAL", 1, "4", "41.00");
        assertSales(byDay, "rows.0", "2026-04-02", 1, "3", "30.00");
        assertSales(byDay, "rows.1", "2026-04-03", 1, "2", "22.00");
        assertSales(byDay, "rows.2", "2026-04-04", 1, "-1", "-11.00");
        // cost 3 x 4 + 2 x 4 - 1 x 4 = 16.00; profit 25.00; 25 / 41 = 60.98 %
        assertLine(profit, "rows.0", "SO-N", "4", "41.00", "16.00", "25.00", "60.98");
        assertEquals("Customer C2", profit.text("rows.0.name"));
    }

    @Test
    void shouldComputeGrossProfitPerOrderAndOnlyForThePeriod() {
        var report = api.get("/api/reports/gross-profit?" + JAN_FEB + "&groupBy=order");
        var january = api.get("/api/reports/gross-profit?from=2026-01-01&to=2026-01-31");

        assertEquals(200, report.status(), report.body());
        assertLine(report, "rows.0", "SO-1", "11", "99.00", "52.75", "46.25", "46.72");
        assertEquals("Customer C1", report.text("rows.0.name"));
        assertLine(report, "rows.1", "SO-2", "2", "11.00", "6.00", "5.00", "45.45");
        // January holds the first shipment of A only (4 at cost 4.00) and B's.
        assertLine(january, "rows.0", "A", "4", "36.00", "16.00", "20.00", "55.56");
        assertLine(january, "total", "TOTAL", "6", "47.00", "22.00", "25.00", "53.19");
    }

    @Test
    void shouldValueStockAtTheEndOfAPastDayAcrossReceiptsAndIssues() {
        var beforeTheFirstShipment = api.get("/api/reports/inventory-valuation?asOf=2026-01-14");
        var onTheDayOfIt = api.get("/api/reports/inventory-valuation?asOf=2026-01-15");
        var afterTheReturn = api.get("/api/reports/inventory-valuation?asOf=2026-02-28");
        var beforeAnything = api.get("/api/reports/inventory-valuation?asOf=2026-01-04");
        var oneWarehouse = api.get("/api/reports/inventory-valuation?asOf=2026-02-28&warehouseCode=WH2");

        assertEquals(200, beforeTheFirstShipment.status(), beforeTheFirstShipment.body());
        assertDecimal("69.00", beforeTheFirstShipment.decimal("totalValue"));
        assertDecimal("17", beforeTheFirstShipment.decimal("totalOnHand"));
        assertDecimal("40.00", beforeTheFirstShipment.decimal("rows.0.value"));

        assertEquals(List.of("A", "A", "B"), onTheDayOfIt.list("rows").stream().map(r -> ((Map<?, ?>) r).get("sku")).toList());
        assertEquals("WH1", onTheDayOfIt.text("rows.0.warehouseCode"));
        assertDecimal("6", onTheDayOfIt.decimal("rows.0.onHand"));
        assertDecimal("24.00", onTheDayOfIt.decimal("rows.0.value"));
        assertDecimal("4", onTheDayOfIt.decimal("rows.0.averageCost"));
        assertDecimal("53.00", onTheDayOfIt.decimal("totalValue"));

        // A@WH1 9 x 5.25 = 47.25, A@WH2 14.00, B@WH2 9.00
        assertDecimal("9", afterTheReturn.decimal("rows.0.onHand"));
        assertDecimal("47.25", afterTheReturn.decimal("rows.0.value"));
        assertDecimal("5.25", afterTheReturn.decimal("rows.0.averageCost"));
        assertDecimal("70.25", afterTheReturn.decimal("totalValue"));
        assertDecimal("14", afterTheReturn.decimal("totalOnHand"));

        assertTrue(beforeAnything.list("rows").isEmpty());
        assertDecimal("0", beforeAnything.decimal("totalValue"));
        assertEquals(2, oneWarehouse.list("rows").size());
        assertDecimal("23.00", oneWarehouse.decimal("totalValue"));
    }

    @Test
    void shouldSummariseSalesByMonthDayCustomerWarehouseAndProduct() {
        var months = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=month");
        var days = api.get("/api/reports/sales?" + JAN_FEB);
        var customers = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=customer");
        var warehouses = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=warehouse");
        var products = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=PRODUCT");

        assertEquals(200, months.status(), months.body());
        assertEquals("month", months.text("groupBy"));
        assertSales(months, "rows.0", "2026-01", 2, "6", "47.00");
        assertSales(months, "rows.1", "2026-02", 1, "7", "63.00");
        assertSales(months, "total", "TOTAL", 2, "13", "110.00");

        assertEquals("day", days.text("groupBy"));
        assertEquals(4, days.list("rows").size());
        assertSales(days, "rows.0", "2026-01-15", 1, "4", "36.00");
        assertSales(days, "rows.3", "2026-02-10", 1, "-1", "-9.00");

        assertSales(customers, "rows.0", "C1", 1, "11", "99.00");
        assertEquals("Customer C1", customers.text("rows.0.name"));
        assertSales(customers, "rows.1", "C2", 1, "2", "11.00");
        // Per warehouse and product an order counts once per calendar month: SO-1 shipped A from WH1 in
        // January and in February (per customer, month and day, and in the total, it counts once).
        assertSales(warehouses, "rows.0", "WH1", 2, "11", "99.00");
        assertSales(warehouses, "rows.1", "WH2", 1, "2", "11.00");
        assertSales(products, "rows.0", "A", 2, "11", "99.00");
        assertSales(products, "rows.1", "B", 1, "2", "11.00");
    }

    @Test
    void shouldSumEndedMonthsOnceAndAddTheDaysAroundThemFromTheLedger() throws Exception {
        // March 2026: 3 more of A shipped on SO-1 (cost at the average 5.25 of 9 left), seeded before any
        // report. The period runs to 03-10: January and February are read from their sums, 03-01..03-10
        // from the ledger; a second period starts mid-January (01-15..02-28: 01-15..01-31 from the ledger).
        seedTheLedger("SO-1", "A", "WH1", "3", "2026-03-05T10:00:00Z");
        var periods = List.of("from=2026-01-01&to=2026-03-10", "from=2026-01-15&to=2026-02-28");

        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<Api.Response>>();
        for (int i = 0; i < 4; i++) { // reports racing to sum the same months
            answers.add(pool.submit(() -> api.get("/api/reports/sales?from=2026-01-01&to=2026-03-10&groupBy=month")));
        }
        for (var answer : answers) {
            assertEquals(200, answer.get().status(), answer.get().body());
        }
        pool.shutdown();
        var months = answers.get(0).get();
        var byProduct = api.get("/api/reports/gross-profit?" + periods.get(0) + "&groupBy=product");
        var byCustomer = api.get("/api/reports/sales?" + periods.get(0) + "&groupBy=customer");
        var fromMidJanuary = api.get("/api/reports/sales?" + periods.get(1) + "&groupBy=day");

        // January and February summed once each, every dimension; March is not a whole ended month of either period.
        assertEquals(List.of("2026-01-01", "2026-02-01"), Rows.column(
                "SELECT CAST(month AS CHAR) FROM sales_rollup_months WHERE tenant_id = ? ORDER BY month", tenant));
        assertEquals(List.of("DAY", "ORDER", "PRODUCT", "WAREHOUSE"), Rows.column(
                "SELECT DISTINCT dimension FROM sales_rollups WHERE tenant_id = ? ORDER BY dimension", tenant));
        assertSales(months, "rows.0", "2026-01", 2, "6", "47.00");
        assertSales(months, "rows.1", "2026-02", 1, "7", "63.00");
        assertSales(months, "rows.2", "2026-03", 1, "3", "27.00");
        assertSales(months, "total", "TOTAL", 2, "16", "137.00");
        // A: 99.00 + 3 x 9.00 = 126.00; cost 52.75 + 3 x 5.25 = 68.50; 57.50 / 126 = 45.63 %
        assertLine(byProduct, "rows.0", "A", "14", "126.00", "68.50", "57.50", "45.63");
        assertLine(byProduct, "total", "TOTAL", "16", "137.00", "74.50", "62.50", "45.62");
        assertSales(byCustomer, "rows.0", "C1", 1, "14", "126.00");
        // From 01-15: every shipment but none before it; SO-2's of 01-25 from the ledger, February's from its sums.
        assertEquals(List.of("2026-01-15", "2026-01-25", "2026-02-03", "2026-02-10"),
                fromMidJanuary.list("rows").stream().map(r -> ((Map<?, ?>) r).get("key")).toList());
        assertSales(fromMidJanuary, "total", "TOTAL", 2, "13", "110.00");
    }

    private void seedTheLedger(String order, String sku, String warehouse, String quantity, String at) {
        new LedgerSeed(tenant).out("ISSUE", "SALES_ORDER", order, sku, warehouse, quantity, at);
    }

    @Test
    void shouldSumAMonthAgainOnceItsMarkIsDeleted() {
        var before = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=month");
        // A row written by hand into February after it was summed (an import): the sums do not see it ...
        seedTheLedger("SO-2", "B", "WH2", "1", "2026-02-20T10:00:00Z");
        var stale = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=month");
        // ... until February's mark is deleted: then the next report sums it again, in place of the old sums.
        Rows.execute("DELETE FROM sales_rollup_months WHERE tenant_id = ? AND month = '2026-02-01'", tenant);
        var again = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=month");

        assertSales(before, "rows.1", "2026-02", 1, "7", "63.00");
        assertSales(stale, "rows.1", "2026-02", 1, "7", "63.00");
        assertSales(again, "rows.1", "2026-02", 2, "8", "68.50");
        assertSales(again, "total", "TOTAL", 2, "14", "115.50");
        assertEquals(1, Rows.count("SELECT COUNT(*) AS n FROM sales_rollups WHERE tenant_id = ? AND month = '2026-02-01'"
                + " AND dimension = 'ORDER' AND group_code = 'SO-2'", tenant));
    }

    @Test
    void shouldSumTheCurrentMonthFromTheLedgerAlways() {
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        seedTheLedger("SO-2", "B", "WH2", "1", java.time.Instant.now().minusSeconds(5).toString());

        var first = api.get("/api/reports/sales?from=2026-01-01&to=" + today + "&groupBy=warehouse");
        seedTheLedger("SO-2", "B", "WH2", "1", java.time.Instant.now().minusSeconds(1).toString());
        var second = api.get("/api/reports/sales?from=2026-01-01&to=" + today + "&groupBy=warehouse");

        // B at WH2: 2 x 5.50 in January, then 1 and 1 more now: the second report sees the second shipment.
        assertSales(first, "rows.1", "WH2", 2, "3", "16.50");
        assertSales(second, "rows.1", "WH2", 2, "4", "22.00");
        assertSales(second, "total", "TOTAL", 2, "15", "121.00");
        assertEquals(0, Rows.count("SELECT COUNT(*) AS n FROM sales_rollup_months WHERE tenant_id = ? AND month >= ?",
                tenant, java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1)));
    }

    @Test
    void shouldSummarisePurchasesBySupplierAndProduct() {
        var suppliers = api.get("/api/reports/purchases?" + JAN_FEB);
        var products = api.get("/api/reports/purchases?" + JAN_FEB + "&groupBy=product");

        assertEquals(200, suppliers.status(), suppliers.body());
        // S1: PO-1 10 x 4.00 + PO-3 5 x 3.00; S2: PO-2 10 x 6.00
        assertPurchase(suppliers, "rows.0", "S1", 2, "15", "55.00");
        assertPurchase(suppliers, "rows.1", "S2", 1, "10", "60.00");
        assertPurchase(suppliers, "total", "TOTAL", 3, "25", "115.00");
        assertPurchase(products, "rows.0", "A", 2, "20", "100.00");
        assertPurchase(products, "rows.1", "B", 1, "5", "15.00");
    }

    @Test
    void shouldComputeTurnoverAndDaysOfInventory() {
        var report = api.get("/api/reports/inventory-turnover?" + JAN_FEB);
        var february = api.get("/api/reports/inventory-turnover?from=2026-02-01&to=2026-02-28");

        assertEquals(200, report.status(), report.body());
        assertEquals(59, ((Number) report.at("days")).intValue());
        // A: opening 0, closing 47.25 + 14.00, COGS 52.75; 52.75 / 30.625 = 1.72; 30.625 x 59 / 52.75 = 34.3 days
        assertTurnover(report, "rows.0", "A", "0.00", "61.25", "30.63", "52.75", "1.72", "34.3");
        // B: closing 9.00, COGS 6.00; 6 / 4.5 = 1.33; 4.5 x 59 / 6 = 44.25 -> 44.3 days
        assertTurnover(report, "rows.1", "B", "0.00", "9.00", "4.50", "6.00", "1.33", "44.3");
        assertTurnover(report, "total", "TOTAL", "0.00", "70.25", "35.13", "58.75", "1.67", "35.3");
        // February, A: opening 84.00 + 14.00, COGS 42.00 - 5.25; 36.75 / 79.625 = 0.46; 79.625 x 28 / 36.75 = 60.7
        assertTurnover(february, "rows.0", "A", "98.00", "61.25", "79.63", "36.75", "0.46", "60.7");
        // B sold nothing in February: no days of inventory, turnover 0
        assertTurnover(february, "rows.1", "B", "9.00", "9.00", "9.00", "0.00", "0.00", null);
    }

    @Test
    void shouldListDeadAndSlowMovingStock() {
        var lenient = api.get("/api/reports/slow-moving?asOf=2026-02-28&days=30");
        var strict = api.get("/api/reports/slow-moving?asOf=2026-02-28&days=30&coverDays=30");

        assertEquals(200, lenient.status(), lenient.body());
        // B last shipped on 01-25, before the 30 days up to 02-28: dead. A shipped 8 in them and holds 11: 41.3 days of cover.
        assertEquals(1, lenient.list("rows").size());
        assertEquals("B", lenient.text("rows.0.sku"));
        assertEquals("DEAD", lenient.text("rows.0.status"));
        assertEquals("2026-01-25T10:00:00Z", lenient.text("rows.0.lastIssueAt"));
        assertDecimal("9.00", lenient.decimal("totalValue"));
        assertEquals(List.of("B", "A"), strict.list("rows").stream().map(r -> ((Map<?, ?>) r).get("sku")).toList());
        assertEquals("SLOW", strict.text("rows.1.status"));
        assertDecimal("41.3", strict.decimal("rows.1.daysOfCover"));
        assertDecimal("8", strict.decimal("rows.1.issuedQuantity"));
        assertDecimal("70.25", strict.decimal("totalValue"));
    }

    @Test
    void shouldExportEveryReportAsCsv() {
        var sales = api.get("/api/reports/sales?" + JAN_FEB + "&groupBy=month&format=csv");

        assertEquals(200, sales.status(), sales.body());
        assertTrue(sales.contentType().startsWith("text/csv"), sales.contentType());
        assertEquals("attachment; filename=\"sales.csv\"", sales.header("Content-Disposition"));
        assertEquals("month,name,orders,quantity,revenue\r\n2026-01,,2,6,47.00\r\n2026-02,,1,7,63.00\r\n"
                + "TOTAL,,2,13,110.00\r\n", sales.body());
        var profit = api.get("/api/reports/gross-profit?" + JAN_FEB + "&groupBy=order&format=CSV");
        assertEquals("order,name,quantity,revenue,cost,profit,marginPercent\r\nSO-1,Customer C1,11,99.00,52.75,46.25,46.72\r\n"
                + "SO-2,Customer C2,2,11.00,6.00,5.00,45.45\r\nTOTAL,,13,110.00,58.75,51.25,46.59\r\n", profit.body());
        var valuation = api.get("/api/reports/inventory-valuation?asOf=2026-01-15&format=csv");
        assertEquals("sku,name,warehouseCode,onHand,value,averageCost\r\nA,Product A,WH1,6,24.00,4\r\n"
                + "A,Product A,WH2,2,14.00,7\r\nB,Product B,WH2,5,15.00,3\r\nTOTAL,,,13,53.00,\r\n", valuation.body());
        for (String path : List.of("/api/reports/purchases?" + JAN_FEB, "/api/reports/inventory-turnover?" + JAN_FEB,
                "/api/reports/slow-moving?asOf=2026-02-28&days=30")) {
            var csv = api.get(path + "&format=csv");
            assertEquals(200, csv.status(), path + ": " + csv.body());
            assertTrue(csv.contentType().startsWith("text/csv"), path);
            assertTrue(csv.body().lines().count() >= 2, path + ": " + csv.body());
        }
    }

    @Test
    void shouldRefuseBadParametersNamingTheField() {
        assertBad("/api/reports/sales?from=2026-13-01", "from");
        assertBad("/api/reports/sales?from=2026-03-01&to=2026-02-01", "from");
        assertBad("/api/reports/sales?to=yesterday", "to");
        assertBad("/api/reports/sales?from=2020-01-01&to=2026-01-01", "to");
        assertBad("/api/reports/sales?groupBy=week", "groupBy");
        assertBad("/api/reports/purchases?groupBy=customer", "groupBy");
        assertBad("/api/reports/gross-profit?groupBy=day", "groupBy");
        assertBad("/api/reports/sales?format=xml", "format");
        assertBad("/api/reports/inventory-valuation?asOf=2026-02-30", "asOf");
        assertBad("/api/reports/inventory-turnover?from=01/01/2026", "from");
        assertBad("/api/reports/slow-moving?days=0", "days");
        assertBad("/api/reports/slow-moving?coverDays=many", "coverDays");
    }

    @Test
    void shouldShowATenantOnlyItsOwnFiguresAndOnlyToTheRolesThatReadReports() {
        var other = api.as(Fixtures.newTenant()).get("/api/reports/gross-profit?" + JAN_FEB);
        var viewer = api.withRoles("viewer").get("/api/reports/sales?" + JAN_FEB);
        var warehouse = api.withRoles("warehouse").get("/api/reports/sales?" + JAN_FEB);

        assertEquals(200, other.status(), other.body());
        assertTrue(other.list("rows").isEmpty());
        assertDecimal("0.00", other.decimal("total.revenue"));
        assertNull(other.at("total.marginPercent"));
        assertEquals(200, viewer.status());
        assertDecimal("110.00", viewer.decimal("total.revenue"));
        assertEquals(403, warehouse.status(), warehouse.body());
    }

    private void assertBad(String path, String field) {
        var response = api.get(path);
        assertEquals(400, response.status(), path + ": " + response.body());
        assertEquals("application/problem+json", response.contentType(), path);
        assertEquals(List.of(field), response.errorFields(), path + ": " + response.body());
    }

    private static void assertLine(Api.Response r, String at, String key, String quantity, String revenue, String cost,
                                   String profit, String margin) {
        assertEquals(key, r.text(at + ".key"), r.body());
        assertDecimal(quantity, r.decimal(at + ".quantity"));
        assertDecimal(revenue, r.decimal(at + ".revenue"));
        assertDecimal(cost, r.decimal(at + ".cost"));
        assertDecimal(profit, r.decimal(at + ".profit"));
        assertDecimal(margin, r.decimal(at + ".marginPercent"));
    }

    private static void assertSales(Api.Response r, String at, String key, long orders, String quantity, String revenue) {
        assertEquals(key, r.text(at + ".key"), r.body());
        assertEquals(orders, ((Number) r.at(at + ".orders")).longValue(), r.body());
        assertDecimal(quantity, r.decimal(at + ".quantity"));
        assertDecimal(revenue, r.decimal(at + ".revenue"));
    }

    private static void assertPurchase(Api.Response r, String at, String key, long orders, String quantity, String amount) {
        assertEquals(key, r.text(at + ".key"), r.body());
        assertEquals(orders, ((Number) r.at(at + ".orders")).longValue(), r.body());
        assertDecimal(quantity, r.decimal(at + ".quantity"));
        assertDecimal(amount, r.decimal(at + ".amount"));
    }

    private static void assertTurnover(Api.Response r, String at, String sku, String opening, String closing,
                                       String average, String cogs, String turnover, String daysOfInventory) {
        assertEquals(sku, r.text(at + ".sku"), r.body());
        assertDecimal(opening, r.decimal(at + ".openingValue"));
        assertDecimal(closing, r.decimal(at + ".closingValue"));
        assertDecimal(average, r.decimal(at + ".averageValue"));
        assertDecimal(cogs, r.decimal(at + ".costOfGoodsSold"));
        assertDecimal(turnover, r.decimal(at + ".turnover"));
        assertDecimal(daysOfInventory, r.decimal(at + ".daysOfInventory"));
    }

    private static void assertDecimal(String expected, BigDecimal actual) {
        if (expected == null) {
            assertNull(actual);
            return;
        }
        assertTrue(actual != null && new BigDecimal(expected).compareTo(actual) == 0, "expected " + expected + ", got " + actual);
    }
}

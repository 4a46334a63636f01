package dev.psi.reports;

import dev.psi.contract.reports.GrossProfit;
import dev.psi.contract.reports.InventoryTurnover;
import dev.psi.contract.reports.PurchaseSummary;
import dev.psi.contract.reports.SalesSummary;
import dev.psi.contract.reports.SlowMovingStock;
import dev.psi.contract.reports.StockValuation;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every report answers JSON, or CSV (text/csv, one line per row, then a TOTAL line where the report
 * has totals) with {@code format=csv}. Periods are {@code from} and {@code to}, ISO dates, both
 * included, UTC days; without them the 30 days up to today.
 */
@ProblemResponses
@Controller("/api/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "reports")
class ReportsController {

    private static final MediaType CSV = MediaType.of("text/csv; charset=utf-8");

    private final OrderReports orders;
    private final StockReports stock;
    private final MeterRegistry meters;
    private final Clock clock;

    ReportsController(OrderReports orders, StockReports stock, MeterRegistry meters, Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.meters = meters;
        this.clock = clock;
    }

    @Operation(summary = "Sales shipped in a period (net of customer returns), by day, month, product, customer or warehouse",
            description = "groupBy: day (default), month, product, customer, warehouse. from, to: ISO dates, both included."
                    + " format=csv for CSV.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = SalesSummary.class)),
            @Content(mediaType = "text/csv")})
    @Get("/sales")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> sales(@FromCredentials TenantId tenant, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                          @QueryValue @Nullable String groupBy, @QueryValue @Nullable String format) {
        var period = ReportParams.period(from, to, today());
        var group = orDefault(ListParams.oneOf("groupBy", groupBy, OrderReports.SalesGroup.class), OrderReports.SalesGroup.DAY);
        return answer("sales", format, () -> orders.sales(tenant, period, group), ReportsController::salesCsv);
    }

    @Operation(summary = "Goods received in a period (net of returns to suppliers), by supplier or product",
            description = "groupBy: supplier (default), product. from, to: ISO dates, both included. format=csv for CSV.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = PurchaseSummary.class)),
            @Content(mediaType = "text/csv")})
    @Get("/purchases")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> purchases(@FromCredentials TenantId tenant, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                              @QueryValue @Nullable String groupBy, @QueryValue @Nullable String format) {
        var period = ReportParams.period(from, to, today());
        var group = orDefault(ListParams.oneOf("groupBy", groupBy, OrderReports.PurchaseGroup.class),
                OrderReports.PurchaseGroup.SUPPLIER);
        return answer("purchases", format, () -> orders.purchases(tenant, period, group), ReportsController::purchasesCsv);
    }

    @Operation(summary = "Gross profit: revenue minus the cost of goods recorded on each shipment, per product or per order",
            description = "groupBy: product (default), order. from, to: ISO dates, both included. format=csv for CSV.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = GrossProfit.class)),
            @Content(mediaType = "text/csv")})
    @Get("/gross-profit")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> grossProfit(@FromCredentials TenantId tenant, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                                @QueryValue @Nullable String groupBy, @QueryValue @Nullable String format) {
        var period = ReportParams.period(from, to, today());
        var group = orDefault(ListParams.oneOf("groupBy", groupBy, OrderReports.ProfitGroup.class), OrderReports.ProfitGroup.PRODUCT);
        return answer("gross-profit", format, () -> orders.grossProfit(tenant, period, group), ReportsController::profitCsv);
    }

    @Operation(summary = "Stock on hand and its value at the end of a day, per SKU and warehouse, from the ledger",
            description = "asOf: ISO date (default today), its whole day included; warehouseCode to narrow. format=csv for CSV.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = StockValuation.class)),
            @Content(mediaType = "text/csv")})
    @Get("/inventory-valuation")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> valuation(@FromCredentials TenantId tenant, @QueryValue @Nullable String asOf, @QueryValue @Nullable String warehouseCode,
                              @QueryValue @Nullable String format) {
        LocalDate day = ReportParams.date("asOf", asOf, today());
        return answer("inventory-valuation", format, () -> stock.valuation(tenant, day, blankToNull(warehouseCode)),
                ReportsController::valuationCsv);
    }

    @Operation(summary = "Inventory turnover and days of inventory per product in a period",
            description = "turnover = cost of goods sold / ((opening + closing stock value) / 2); days of inventory ="
                    + " days / turnover. from, to: ISO dates, both included. format=csv for CSV.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = InventoryTurnover.class)),
            @Content(mediaType = "text/csv")})
    @Get("/inventory-turnover")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> turnover(@FromCredentials TenantId tenant, @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                             @QueryValue @Nullable String format) {
        var period = ReportParams.period(from, to, today());
        return answer("inventory-turnover", format, () -> stock.turnover(tenant, period), ReportsController::turnoverCsv);
    }

    @Operation(summary = "Slow-moving and dead stock at the end of a day",
            description = "DEAD: on hand, nothing shipped in the `days` (default 90) before asOf; SLOW: what is on hand"
                    + " lasts more than `coverDays` (default 180) at the rate shipped in those days. format=csv for CSV.")
    @ApiResponse(responseCode = "200", content = {@Content(mediaType = "application/json", schema = @Schema(implementation = SlowMovingStock.class)),
            @Content(mediaType = "text/csv")})
    @Get("/slow-moving")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> slowMoving(@FromCredentials TenantId tenant, @QueryValue @Nullable String asOf, @QueryValue @Nullable String days,
                               @QueryValue @Nullable String coverDays, @QueryValue @Nullable String format) {
        LocalDate day = ReportParams.date("asOf", asOf, today());
        int window = ReportParams.days("days", days, 90);
        int cover = ReportParams.days("coverDays", coverDays, 180);
        return answer("slow-moving", format, () -> stock.slowMoving(tenant, day, window, cover), ReportsController::slowMovingCsv);
    }

    /**
     * The format is checked before the report runs; the report's time lands in one histogram,
     * {@code psi_reports_query_duration_seconds{report}}.
     */
    private <T> HttpResponse<?> answer(String report, @Nullable String format, Supplier<T> work, Function<T, Csv> csv) {
        var wanted = orDefault(ListParams.oneOf("format", format, ReportParams.Format.class), ReportParams.Format.JSON);
        T result = Timer.builder("psi.reports.query.duration")
                .description("Time to compute a report")
                .tag("report", report)
                .publishPercentileHistogram()
                .register(meters)
                .record(work);
        if (wanted == ReportParams.Format.CSV) {
            return HttpResponse.ok(csv.apply(result).toString()).contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report + ".csv\"");
        }
        return HttpResponse.ok(result).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static <E> E orDefault(@Nullable E value, E fallback) {
        return value == null ? fallback : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Csv salesCsv(SalesSummary report) {
        var csv = new Csv(report.groupBy(), "name", "orders", "quantity", "revenue");
        for (var line : concat(report.rows(), report.total())) {
            csv.line(line.key(), line.name(), line.orders(), line.quantity(), line.revenue());
        }
        return csv;
    }

    private static Csv purchasesCsv(PurchaseSummary report) {
        var csv = new Csv(report.groupBy(), "name", "orders", "quantity", "amount");
        for (var line : concat(report.rows(), report.total())) {
            csv.line(line.key(), line.name(), line.orders(), line.quantity(), line.amount());
        }
        return csv;
    }

    private static Csv profitCsv(GrossProfit report) {
        var csv = new Csv(report.groupBy(), "name", "quantity", "revenue", "cost", "profit", "marginPercent");
        for (var line : concat(report.rows(), report.total())) {
            csv.line(line.key(), line.name(), line.quantity(), line.revenue(), line.cost(), line.profit(), line.marginPercent());
        }
        return csv;
    }

    private static Csv valuationCsv(StockValuation report) {
        var csv = new Csv("sku", "name", "warehouseCode", "onHand", "value", "averageCost");
        for (var line : report.rows()) {
            csv.line(line.sku(), line.name(), line.warehouseCode(), line.onHand(), line.value(), line.averageCost());
        }
        return csv.line("TOTAL", null, null, report.totalOnHand(), report.totalValue(), null);
    }

    private static Csv turnoverCsv(InventoryTurnover report) {
        var csv = new Csv("sku", "name", "openingValue", "closingValue", "averageValue", "costOfGoodsSold", "turnover",
                "daysOfInventory");
        for (var line : concat(report.rows(), report.total())) {
            csv.line(line.sku(), line.name(), line.openingValue(), line.closingValue(), line.averageValue(),
                    line.costOfGoodsSold(), line.turnover(), line.daysOfInventory());
        }
        return csv;
    }

    private static Csv slowMovingCsv(SlowMovingStock report) {
        var csv = new Csv("sku", "name", "status", "onHand", "value", "issuedQuantity", "lastIssueAt", "daysOfCover");
        for (var line : report.rows()) {
            csv.line(line.sku(), line.name(), line.status(), line.onHand(), line.value(), line.issuedQuantity(),
                    line.lastIssueAt(), line.daysOfCover());
        }
        return csv.line("TOTAL", null, null, null, report.totalValue(), null, null, null);
    }

    private static <T> List<T> concat(List<T> rows, T total) {
        var all = new java.util.ArrayList<T>(rows);
        all.add(total);
        return all;
    }
}

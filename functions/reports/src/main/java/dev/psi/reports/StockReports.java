package dev.psi.reports;

import dev.psi.contract.reports.InventoryTurnover;
import dev.psi.contract.reports.SlowMovingStock;
import dev.psi.contract.reports.StockValuation;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stock at a past date, turnover and slow-moving stock, summed from the stock ledger alone. Every
 * movement's value is the change of its stock row's value (on-hand x average cost, to the cent), so
 * the sum of a row's movements up to a moment is exactly its value then, and on-hand likewise. The
 * ledger is summed per product and warehouse first, then the few thousand groups get their SKU
 * and name. Reads the replica when DATABASE_REPLICA_HOST names one.
 */
@Singleton
final class StockReports {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final Database replica;

    StockReports(@Named("replica") Database replica) {
        this.replica = replica;
    }

    StockValuation valuation(TenantId tenant, LocalDate asOf, @Nullable String warehouseCode) {
        var where = Where.tenant("m.tenant_id", tenant).and("m.created_at < ?", asOf.plusDays(1).atStartOfDay());
        var outer = Where.tenant("w.tenant_id", tenant).andIf(warehouseCode, "w.code = ?");
        return replica.read(tx -> {
            var args = new ArrayList<Object>(List.of(where.args()));
            args.addAll(List.of(outer.args()));
            var rows = tx.list("SELECT p.sku, p.name, w.code, t.on_hand, t.value FROM (SELECT m.product_id, m.warehouse_id,"
                            + " SUM(m.on_hand_delta) AS on_hand, SUM(m.value_delta) AS value FROM stock_movements m"
                            + where.sql() + " GROUP BY m.product_id, m.warehouse_id) t"
                            + " JOIN products p ON p.id = t.product_id JOIN warehouses w ON w.id = t.warehouse_id"
                            + outer.sql() + " AND (t.on_hand <> 0 OR t.value <> 0) ORDER BY p.sku, w.code",
                    row -> {
                        BigDecimal onHand = row.decimal("on_hand");
                        BigDecimal value = row.decimal("value").setScale(2, RoundingMode.HALF_UP);
                        BigDecimal average = onHand.signum() == 0 ? null
                                : value.divide(onHand, 6, RoundingMode.HALF_UP).stripTrailingZeros();
                        return new StockValuation.Line(row.string("sku"), row.string("name"), row.string("code"),
                                onHand, value, average);
                    }, args.toArray());
            BigDecimal onHand = rows.stream().map(StockValuation.Line::onHand).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal value = rows.stream().map(StockValuation.Line::value).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            return new StockValuation(asOf, warehouseCode, rows, onHand, value);
        });
    }

    /**
     * The cost of goods sold is what the ledger recorded on the period's shipments net of customer
     * returns (as gross profit counts it); the stock values are those at the start of {@code from}
     * and the end of {@code to}, over all warehouses.
     */
    InventoryTurnover turnover(TenantId tenant, ReportParams.Period period) {
        var start = period.from().atStartOfDay();
        var end = period.end().atStartOfDay();
        return replica.read(tx -> {
            var rows = tx.list("SELECT p.sku, p.name, t.opening, t.closing, t.cogs FROM (SELECT m.product_id,"
                            + " SUM(CASE WHEN m.created_at < ? THEN m.value_delta ELSE 0 END) AS opening,"
                            + " SUM(m.value_delta) AS closing,"
                            + " SUM(CASE WHEN m.created_at >= ? AND m.movement_type IN ('ISSUE', 'RETURN_IN')"
                            + " AND m.reference_type = 'SALES_ORDER' THEN -m.value_delta ELSE 0 END) AS cogs"
                            + " FROM stock_movements m WHERE m.tenant_id = ? AND m.created_at < ? GROUP BY m.product_id) t"
                            + " JOIN products p ON p.id = t.product_id"
                            + " WHERE t.opening <> 0 OR t.closing <> 0 OR t.cogs <> 0 ORDER BY p.sku",
                    row -> turnoverLine(row.string("sku"), row.string("name"), row.decimal("opening"),
                            row.decimal("closing"), row.decimal("cogs"), period.days()),
                    start, start, tenant.value(), end);
            var total = turnoverLine("TOTAL", null, sum(rows, InventoryTurnover.Line::openingValue),
                    sum(rows, InventoryTurnover.Line::closingValue), sum(rows, InventoryTurnover.Line::costOfGoodsSold),
                    period.days());
            return new InventoryTurnover(period.from(), period.to(), period.days(), rows, total);
        });
    }

    static InventoryTurnover.Line turnoverLine(String sku, @Nullable String name, BigDecimal opening, BigDecimal closing,
                                               BigDecimal cogs, int days) {
        BigDecimal open = opening.setScale(2, RoundingMode.HALF_UP);
        BigDecimal close = closing.setScale(2, RoundingMode.HALF_UP);
        BigDecimal sold = cogs.setScale(2, RoundingMode.HALF_UP);
        BigDecimal average = open.add(close).divide(TWO, 2, RoundingMode.HALF_UP);
        BigDecimal exactAverage = open.add(close).divide(TWO);
        BigDecimal turnover = exactAverage.signum() <= 0 ? null : sold.divide(exactAverage, 2, RoundingMode.HALF_UP);
        BigDecimal daysOfInventory = sold.signum() <= 0 ? null
                : exactAverage.multiply(BigDecimal.valueOf(days)).divide(sold, 1, RoundingMode.HALF_UP);
        return new InventoryTurnover.Line(sku, name, open, close, average, sold, turnover, daysOfInventory);
    }

    /**
     * What is on hand at the end of {@code asOf} and how much of it shipped in the {@code days}
     * before: none is dead stock; so little that the stock lasts longer than {@code coverDays} at that
     * rate (on-hand / (shipped / days)) is slow-moving.
     */
    SlowMovingStock slowMoving(TenantId tenant, LocalDate asOf, int days, int coverDays) {
        var end = asOf.plusDays(1).atStartOfDay();
        var windowStart = end.minusDays(days);
        return replica.read(tx -> {
            var all = tx.list("SELECT p.sku, p.name, t.on_hand, t.value, t.issued, t.last_issue FROM (SELECT m.product_id,"
                            + " SUM(m.on_hand_delta) AS on_hand, SUM(m.value_delta) AS value,"
                            + " SUM(CASE WHEN m.created_at >= ? AND m.movement_type = 'ISSUE' THEN -m.on_hand_delta ELSE 0 END) AS issued,"
                            + " MAX(CASE WHEN m.movement_type = 'ISSUE' THEN m.created_at END) AS last_issue"
                            + " FROM stock_movements m WHERE m.tenant_id = ? AND m.created_at < ? GROUP BY m.product_id) t"
                            + " JOIN products p ON p.id = t.product_id WHERE t.on_hand > 0",
                    row -> {
                        BigDecimal onHand = row.decimal("on_hand");
                        BigDecimal issued = row.decimal("issued");
                        BigDecimal cover = issued.signum() <= 0 ? null
                                : onHand.multiply(BigDecimal.valueOf(days)).divide(issued, 1, RoundingMode.HALF_UP);
                        var status = cover == null ? SlowMovingStock.Status.DEAD
                                : cover.compareTo(BigDecimal.valueOf(coverDays)) > 0 ? SlowMovingStock.Status.SLOW : null;
                        return new SlowMovingStock.Line(row.string("sku"), row.string("name"), status, onHand,
                                row.decimal("value").setScale(2, RoundingMode.HALF_UP), issued,
                                row.instant("last_issue"), cover);
                    }, windowStart, tenant.value(), end);
            List<SlowMovingStock.Line> rows = new ArrayList<>(all.stream().filter(l -> l.status() != null).toList());
            rows.sort(Comparator.comparing(SlowMovingStock.Line::status)
                    .thenComparing(SlowMovingStock.Line::daysOfCover, Comparator.nullsFirst(Comparator.reverseOrder()))
                    .thenComparing(SlowMovingStock.Line::value, Comparator.reverseOrder())
                    .thenComparing(SlowMovingStock.Line::sku));
            BigDecimal value = rows.stream().map(SlowMovingStock.Line::value).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            return new SlowMovingStock(asOf, days, coverDays, rows, value);
        });
    }

    private static BigDecimal sum(List<InventoryTurnover.Line> rows, java.util.function.Function<InventoryTurnover.Line, BigDecimal> figure) {
        return rows.stream().map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

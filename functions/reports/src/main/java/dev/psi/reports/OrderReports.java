package dev.psi.reports;

import dev.psi.contract.reports.GrossProfit;
import dev.psi.contract.reports.PurchaseSummary;
import dev.psi.contract.reports.SalesSummary;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Sales, purchases and gross profit, all from the stock ledger: a sale is counted when it is shipped
 * (an ISSUE movement of a sales order) and taken back by a customer return (RETURN_IN), a purchase
 * when it is received (RECEIPT) and taken back by a return to the supplier (RETURN_OUT). Revenue and
 * purchase amounts are net (after line and document discounts, without tax), rounded per movement to
 * the cent. An ISSUE carries its revenue on the ledger row ({@code net_amount}: stock-adjust priced
 * it at the order line's net unit price when it shipped); a movement without one (a return, a row
 * from before that column) and every purchase movement is priced by its order line (a line written
 * without pricing: its unit price). Each movement is costed at the value the ledger recorded on it
 * (the moving average at that moment), so partial shipments at different costs each keep their own.
 *
 * <p>Sales and gross profit read the ended calendar months a period covers whole from their sums
 * ({@link SalesRollups}) and only the other days from the ledger, so a year costs about what a month
 * does. The figures are the same either way, but for one: {@code orders} of a product or warehouse
 * is counted per month and summed, so an order that shipped one product in two calendar months counts
 * once in each (per day, month and customer, per order and in the total, an order counts once).
 * Reads the replica when DATABASE_REPLICA_HOST names one: a report may lag the primary by the
 * replica's delay.
 */
@Singleton
final class OrderReports {

    enum SalesGroup { DAY, MONTH, PRODUCT, CUSTOMER, WAREHOUSE }

    enum PurchaseGroup { SUPPLIER, PRODUCT }

    enum ProfitGroup { PRODUCT, ORDER }

    /**
     * How rows are grouped: the key computed per ledger movement ({@code inner}), the same key and figures
     * read from the sums of ended months ({@code rollup}: its tenant and months are the parameters), then
     * how the group's code and name are looked up once per group (outer, joined on {@code t.k}), not once
     * per movement.
     */
    private record Grouping(String inner, String rollup, String join, String key, String name) {

        static Grouping of(SalesRollups.Dimension dimension, String join, String key, String name) {
            return new Grouping(dimension.key, "SELECT " + dimension.column + " AS k, orders, quantity, revenue, cost"
                    + SUMS + "'" + dimension.name() + "'", join, key, name);
        }

        static Grouping byId(SalesRollups.Dimension dimension, String table, String code) {
            return of(dimension, " JOIN " + table + " x ON x.id = t.k", "x." + code, "x.name");
        }
    }

    private static final String SUMS = " FROM sales_rollups WHERE tenant_id = ? AND month >= ? AND month < ? AND dimension = ";

    private static final Grouping DAY = Grouping.of(SalesRollups.Dimension.DAY, "", "t.k", "NULL");
    /** A month's orders are its distinct orders: the month's per-order sums, counted. */
    private static final Grouping MONTH = new Grouping("DATE_FORMAT(m.created_at, '%Y-%m')",
            "SELECT DATE_FORMAT(month, '%Y-%m') AS k, COUNT(*) AS orders, SUM(quantity) AS quantity,"
                    + " SUM(revenue) AS revenue, SUM(cost) AS cost" + SUMS + "'ORDER' GROUP BY month",
            "", "t.k", "NULL");
    private static final Grouping PRODUCT = Grouping.byId(SalesRollups.Dimension.PRODUCT, "products", "sku");
    private static final Grouping WAREHOUSE = Grouping.byId(SalesRollups.Dimension.WAREHOUSE, "warehouses", "code");
    /** Purchases are few (a receipt per order line): they are summed from the ledger alone. */
    private static final Grouping PURCHASED_PRODUCT = new Grouping("m.product_id", null,
            " JOIN products x ON x.id = t.k", "x.sku", "x.name");
    private static final Grouping SUPPLIER = new Grouping("o.supplier_id", null,
            " JOIN suppliers x ON x.id = t.k", "x.code", "x.name");

    private static final String PURCHASES = " FROM stock_movements m"
            + " JOIN purchase_orders o ON o.tenant_id = m.tenant_id AND o.number = m.reference_number"
            + " JOIN purchase_order_lines l ON l.order_id = o.id AND l.product_id = m.product_id"
            + " WHERE m.tenant_id = ? AND m.movement_type IN ('RECEIPT', 'RETURN_OUT') AND m.reference_type = 'PURCHASE_ORDER'"
            + " AND m.created_at >= ? AND m.created_at < ?";
    private static final String PURCHASE_FIGURES = "COUNT(DISTINCT o.id) AS orders, SUM(m.on_hand_delta) AS quantity,"
            + " SUM(ROUND(m.on_hand_delta * COALESCE(l.net_unit_price, l.unit_price), 2)) AS amount";

    private final Database replica;
    private final SalesRollups rollups;

    OrderReports(@Named("replica") Database replica, SalesRollups rollups) {
        this.replica = replica;
        this.rollups = rollups;
    }

    SalesSummary sales(TenantId tenant, ReportParams.Period period, SalesGroup group) {
        var split = rollups.split(period);
        return rollups.source(tenant, split).read(tx -> {
            var rows = switch (group) {
                case DAY -> salesGrouped(tx, DAY, tenant, split, OrderReports::salesLine);
                case MONTH -> salesGrouped(tx, MONTH, tenant, split, OrderReports::salesLine);
                case PRODUCT -> salesGrouped(tx, PRODUCT, tenant, split, OrderReports::salesLine);
                case CUSTOMER -> byCustomer(tx, tenant, split);
                case WAREHOUSE -> salesGrouped(tx, WAREHOUSE, tenant, split, OrderReports::salesLine);
            };
            var total = salesTotal(tx, tenant, split, OrderReports::salesLine);
            return new SalesSummary(name(group), period.from(), period.to(), rows, total);
        });
    }

    PurchaseSummary purchases(TenantId tenant, ReportParams.Period period, PurchaseGroup group) {
        Grouping grouping = group == PurchaseGroup.PRODUCT ? PURCHASED_PRODUCT : SUPPLIER;
        Object[] params = {tenant.value(), period.from().atStartOfDay(), period.end().atStartOfDay()};
        return replica.read(tx -> {
            var rows = tx.list("SELECT " + grouping.key() + " AS group_key, " + grouping.name() + " AS group_name, t.*"
                    + " FROM (SELECT " + grouping.inner() + " AS k, " + PURCHASE_FIGURES + PURCHASES
                    + " GROUP BY " + grouping.inner() + ") t" + grouping.join() + " ORDER BY group_key",
                    OrderReports::purchaseLine, params);
            var total = tx.one("SELECT 'TOTAL' AS group_key, NULL AS group_name, " + PURCHASE_FIGURES + PURCHASES,
                    OrderReports::purchaseLine, params).orElseThrow();
            return new PurchaseSummary(name(group), period.from(), period.to(), rows, total);
        });
    }

    GrossProfit grossProfit(TenantId tenant, ReportParams.Period period, ProfitGroup group) {
        var split = rollups.split(period);
        return rollups.source(tenant, split).read(tx -> {
            var rows = group == ProfitGroup.ORDER ? profitByOrder(tx, tenant, split)
                    : salesGrouped(tx, PRODUCT, tenant, split, OrderReports::profitLine);
            var total = salesTotal(tx, tenant, split, OrderReports::profitLine);
            return new GrossProfit(name(group), period.from(), period.to(), rows, total);
        });
    }

    /** SQL and its parameters. */
    private record Query(String sql, List<Object> params) {

        Object[] args(Object... more) {
            var all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return all.toArray();
        }
    }

    /**
     * The sales figures of the period per group key {@code k}, in parts to be summed: the ended months
     * from their sums, the days around them from the ledger.
     */
    private static Query parts(Grouping grouping, TenantId tenant, SalesRollups.Split split) {
        var sql = new StringJoiner(" UNION ALL ");
        var params = new ArrayList<Object>();
        if (split.hasMonths()) {
            sql.add(grouping.rollup());
            Collections.addAll(params, tenant.value(), split.firstMonth(), split.endMonth());
        }
        for (SalesRollups.Days days : split.ledger()) {
            sql.add("SELECT " + grouping.inner() + " AS k, " + SalesRollups.FIGURES + SalesRollups.MOVEMENTS
                    + " GROUP BY " + grouping.inner());
            Collections.addAll(params, tenant.value(), days.from().atStartOfDay(), days.end().atStartOfDay());
        }
        return new Query("SELECT u.k, SUM(u.orders) AS orders, SUM(u.quantity) AS quantity, SUM(u.revenue) AS revenue,"
                + " SUM(u.cost) AS cost FROM (" + sql + ") u GROUP BY u.k", params);
    }

    private static <T> List<T> salesGrouped(Tx tx, Grouping grouping, TenantId tenant, SalesRollups.Split split,
                                            Tx.RowMapper<T> mapper) throws SQLException {
        var parts = parts(grouping, tenant, split);
        String sql = "SELECT " + grouping.key() + " AS group_key, " + grouping.name() + " AS group_name, t.*"
                + " FROM (" + parts.sql() + ") t" + grouping.join() + " ORDER BY group_key";
        return tx.list(sql, mapper, parts.args());
    }

    /**
     * The period's figures per order ({@code k}: its number; {@code customer}: its customer's id), in parts
     * to be summed: an order that shipped in two months has a part in each.
     */
    private static Query perOrder(TenantId tenant, SalesRollups.Split split) {
        var sql = new StringJoiner(" UNION ALL ");
        var params = new ArrayList<Object>();
        if (split.hasMonths()) {
            sql.add("SELECT group_code AS k, group_id AS customer, orders, quantity, revenue, cost" + SUMS + "'ORDER'");
            Collections.addAll(params, tenant.value(), split.firstMonth(), split.endMonth());
        }
        for (SalesRollups.Days days : split.ledger()) {
            sql.add(SalesRollups.PER_ORDER);
            Collections.addAll(params, tenant.value(), days.from().atStartOfDay(), days.end().atStartOfDay(), tenant.value());
        }
        return new Query(sql.toString(), params);
    }

    /** Sales per customer: each order counted once, with its customer from the per-order figures. */
    private static List<SalesSummary.Line> byCustomer(Tx tx, TenantId tenant, SalesRollups.Split split)
            throws SQLException {
        var parts = perOrder(tenant, split);
        return tx.list("SELECT c.code AS group_key, c.name AS group_name, COUNT(DISTINCT u.k) AS orders,"
                + " SUM(u.quantity) AS quantity, SUM(u.revenue) AS revenue FROM (" + parts.sql() + ") u"
                + " JOIN customers c ON c.id = u.customer GROUP BY c.id, c.code, c.name ORDER BY group_key",
                OrderReports::salesLine, parts.args());
    }

    private static List<GrossProfit.Line> profitByOrder(Tx tx, TenantId tenant, SalesRollups.Split split)
            throws SQLException {
        var parts = perOrder(tenant, split);
        return tx.list("SELECT t.k AS group_key, c.name AS group_name, t.* FROM (SELECT u.k, MAX(u.customer) AS customer,"
                + " SUM(u.quantity) AS quantity, SUM(u.revenue) AS revenue, SUM(u.cost) AS cost FROM (" + parts.sql() + ") u"
                + " GROUP BY u.k) t JOIN customers c ON c.id = t.customer ORDER BY group_key",
                OrderReports::profitLine, parts.args());
    }

    /** The period's total: every order counted once. */
    private static <T> T salesTotal(Tx tx, TenantId tenant, SalesRollups.Split split, Tx.RowMapper<T> mapper)
            throws SQLException {
        var parts = perOrder(tenant, split);
        return tx.one("SELECT 'TOTAL' AS group_key, NULL AS group_name, COUNT(DISTINCT u.k) AS orders,"
                + " SUM(u.quantity) AS quantity, SUM(u.revenue) AS revenue, SUM(u.cost) AS cost FROM (" + parts.sql() + ") u",
                mapper, parts.args()).orElseThrow();
    }

    private static SalesSummary.Line salesLine(Row row) throws SQLException {
        return new SalesSummary.Line(row.string("group_key"), row.string("group_name"), row.longValue("orders"),
                zero(row.decimal("quantity")), money(row.decimal("revenue")));
    }

    private static PurchaseSummary.Line purchaseLine(Row row) throws SQLException {
        return new PurchaseSummary.Line(row.string("group_key"), row.string("group_name"), row.longValue("orders"),
                zero(row.decimal("quantity")), money(row.decimal("amount")));
    }

    private static GrossProfit.Line profitLine(Row row) throws SQLException {
        BigDecimal revenue = money(row.decimal("revenue"));
        BigDecimal cost = money(row.decimal("cost"));
        BigDecimal profit = revenue.subtract(cost);
        BigDecimal margin = revenue.signum() == 0 ? null
                : profit.multiply(BigDecimal.valueOf(100)).divide(revenue, 2, RoundingMode.HALF_UP);
        return new GrossProfit.Line(row.string("group_key"), row.string("group_name"), zero(row.decimal("quantity")),
                revenue, cost, profit, margin);
    }

    /** SUM over no rows is NULL: an empty report totals zero. */
    private static BigDecimal zero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : Decimals.plain(value);
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP);
    }

    private static String name(Enum<?> group) {
        return group.name().toLowerCase(Locale.ROOT);
    }
}

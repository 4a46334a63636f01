package dev.psi.reports;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sales movements of ended calendar months, summed once per tenant and month (V13), so that a
 * report over a year reads some thousand sums instead of a million ledger rows. A month that has
 * ended never changes: stock-adjust stamps every movement with the time it writes it, and the ledger
 * is append-only. A period is cut into the ended months it covers whole (read from the sums, which
 * the first report to need a month writes) and the rest: its partial first and last months and the
 * current month, summed from the ledger as before.
 *
 * <p>The sums are written on the primary, in a transaction of their own per month that first takes
 * the month's key in {@code sales_rollup_months}: two reports that need the same month sum it once.
 * The summing reads the ledger at READ COMMITTED, so it locks no ledger rows or gaps and never holds up
 * a stock transaction.
 */
@Singleton
final class SalesRollups {

    private static final Logger LOG = LoggerFactory.getLogger(SalesRollups.class);

    /**
     * How long after its last instant a month counts as ended: every stock transaction that stamped a
     * movement in it has committed (or failed) by then.
     */
    static final Duration SETTLED = Duration.ofHours(1);

    /** The ledger rows a sales report sums: shipments and customer returns of sales orders. */
    static final String MOVEMENTS = " FROM stock_movements m FORCE INDEX (ix_movements_report)"
            + " WHERE m.tenant_id = ? AND m.movement_type IN ('ISSUE', 'RETURN_IN') AND m.reference_type = 'SALES_ORDER'"
            + " AND m.created_at >= ? AND m.created_at < ?";

    /** A movement's revenue: what the ledger row carries, else (evaluated only then) its order line's price. */
    static final String REVENUE = "COALESCE(m.net_amount, (SELECT ROUND(-m.on_hand_delta"
            + " * COALESCE(l.net_unit_price, l.unit_price), 2) FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id"
            + " WHERE o.tenant_id = m.tenant_id AND o.number = m.reference_number AND l.product_id = m.product_id))";

    /** The figures of a group of movements, named as the rollup columns are. */
    static final String FIGURES = "COUNT(DISTINCT m.reference_number) AS orders, SUM(-m.on_hand_delta) AS quantity,"
            + " COALESCE(SUM(" + REVENUE + "), 0) AS revenue, SUM(-m.value_delta) AS cost";

    /**
     * The figures of each order among the movements of some days ({@code k}: its number; {@code customer}:
     * its customer's id, 0 for a number no sales order has): the order looked up once, not per movement.
     * Parameters: the tenant, the days' first and end instants, the tenant.
     */
    static final String PER_ORDER = "SELECT t.k, COALESCE(o.customer_id, 0) AS customer, t.orders, t.quantity,"
            + " t.revenue, t.cost FROM (SELECT m.reference_number AS k, " + FIGURES + MOVEMENTS
            + " GROUP BY m.reference_number) t LEFT JOIN sales_orders o ON o.tenant_id = ? AND o.number = t.k";

    /**
     * One dimension of the sums: what it groups the movements of a month by, into which column. ORDER
     * keeps the order's number and, in {@code group_id}, its customer.
     */
    enum Dimension {
        DAY("DATE_FORMAT(m.created_at, '%Y-%m-%d')", "group_code"),
        PRODUCT("m.product_id", "group_id"),
        WAREHOUSE("m.warehouse_id", "group_id"),
        ORDER("m.reference_number", "group_code");

        final String key;
        final String column;

        Dimension(String key, String column) {
            this.key = key;
            this.column = column;
        }
    }

    /** Days from {@code from} (included) to {@code end} (excluded). */
    record Days(LocalDate from, LocalDate end) {
    }

    /**
     * A period cut in two: the ended months it covers whole, {@code [firstMonth, endMonth)} (empty when
     * equal), and the days around them, summed from the ledger.
     */
    record Split(LocalDate firstMonth, LocalDate endMonth, List<Days> ledger) {

        boolean hasMonths() {
            return firstMonth.isBefore(endMonth);
        }

        List<LocalDate> months() {
            var months = new ArrayList<LocalDate>();
            for (LocalDate month = firstMonth; month.isBefore(endMonth); month = month.plusMonths(1)) {
                months.add(month);
            }
            return months;
        }
    }

    private final boolean enabled;
    private final Database primary;
    private final Database replica;
    private final Clock clock;
    private final Timer summing;

    /**
     * @param enabled {@code psi.reports.month-sums} (PSI_REPORTS_MONTH_SUMS), true unless set false: then every
     *                report sums the ledger alone, as it must while ledger rows are written into past months by
     *                hand (a migration from another system; delete the tenant's rows of sales_rollup_months
     *                afterwards, and those months are summed again)
     */
    SalesRollups(@Named("primary") Database primary, @Named("replica") Database replica, Clock clock,
                 MeterRegistry meters, @Value("${psi.reports.month-sums:true}") boolean enabled) {
        this.enabled = enabled;
        this.primary = primary;
        this.replica = replica;
        this.clock = clock;
        this.summing = Timer.builder("psi.reports.month.sums")
                .description("Summing an ended month's sales for the reports, once per tenant and month")
                .register(meters);
    }

    /** Cuts the days {@code [from, end)} as of {@code now} (UTC, as the ledger's times are). */
    static Split split(LocalDate from, LocalDate end, LocalDateTime now) {
        LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate ended = now.minus(SETTLED).toLocalDate().withDayOfMonth(1);
        LocalDate endWhole = end.withDayOfMonth(1);
        LocalDate last = endWhole.isBefore(ended) ? endWhole : ended;
        if (!firstWhole.isBefore(last)) {
            return new Split(from, from, List.of(new Days(from, end)));
        }
        var ledger = new ArrayList<Days>(2);
        if (from.isBefore(firstWhole)) {
            ledger.add(new Days(from, firstWhole));
        }
        if (last.isBefore(end)) {
            ledger.add(new Days(last, end));
        }
        return new Split(firstWhole, last, ledger);
    }

    Split split(ReportParams.Period period) {
        return enabled ? split(period.from(), period.end(), LocalDateTime.now(clock.withZone(ZoneOffset.UTC)))
                : new Split(period.from(), period.from(), List.of(new Days(period.from(), period.end())));
    }

    /**
     * The database to read the period's report from, once every ended month of it is summed: the
     * replica when it already holds all of them, else the primary after summing those missing.
     */
    Database source(TenantId tenant, Split split) {
        if (!split.hasMonths() || missing(replica, tenant, split).isEmpty()) {
            return replica;
        }
        for (LocalDate month : missing(primary, tenant, split)) {
            build(tenant, month);
        }
        return primary;
    }

    private static List<LocalDate> missing(Database database, TenantId tenant, Split split) {
        var built = new HashSet<>(database.read(tx -> tx.list(
                "SELECT month FROM sales_rollup_months WHERE tenant_id = ? AND month >= ? AND month < ?",
                row -> row.date("month"), tenant.value(), split.firstMonth(), split.endMonth())));
        return split.months().stream().filter(month -> !built.contains(month)).toList();
    }

    /** Sums one ended month, unless another report has just done it. */
    void build(TenantId tenant, LocalDate month) {
        long started = System.nanoTime();
        boolean built = primary.inTransaction(Database.Isolation.READ_COMMITTED, tx -> {
            if (tx.update("INSERT IGNORE INTO sales_rollup_months (tenant_id, month, built_at) VALUES (?, ?, ?)",
                    tenant.value(), month, LocalDateTime.now(clock.withZone(ZoneOffset.UTC))) == 0) {
                return false;
            }
            // Sums left from before the month's mark was deleted (to have it summed again) go first.
            tx.update("DELETE FROM sales_rollups WHERE tenant_id = ? AND month = ?", tenant.value(), month);
            for (Dimension dimension : Dimension.values()) {
                sum(tx, tenant, month, dimension);
            }
            return true;
        });
        if (built) {
            summing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            LOG.info("summed the sales of {} in {} for the reports in {} ms", month.toString().substring(0, 7),
                    tenant.value(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static void sum(Tx tx, TenantId tenant, LocalDate month, Dimension dimension) throws SQLException {
        if (dimension == Dimension.ORDER) {
            tx.update("INSERT INTO sales_rollups (tenant_id, dimension, month, group_code, group_id, orders, quantity,"
                            + " revenue, cost) SELECT ?, ?, ?, p.k, p.customer, p.orders, p.quantity, p.revenue, p.cost"
                            + " FROM (" + PER_ORDER + ") p",
                    tenant.value(), dimension.name(), month, tenant.value(), month.atStartOfDay(),
                    month.plusMonths(1).atStartOfDay(), tenant.value());
            return;
        }
        tx.update("INSERT INTO sales_rollups (tenant_id, dimension, month, " + dimension.column
                        + ", orders, quantity, revenue, cost) SELECT ?, ?, ?, " + dimension.key + ", " + FIGURES
                        + MOVEMENTS + " GROUP BY " + dimension.key,
                tenant.value(), dimension.name(), month, tenant.value(), month.atStartOfDay(),
                month.plusMonths(1).atStartOfDay());
    }
}

package dev.psi.testing;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The rules stock must keep whatever happened: checked by tests after every scenario. */
public final class StockInvariants {

    private StockInvariants() {
    }

    /**
     * Every stock row of the tenant equals the sum of its ledger (on-hand and reserved), the
     * last ledger row's balances equal the row, and 0 <= reserved <= on-hand.
     */
    public static void assertStockEqualsLedger(String tenant) {
        var problems = new ArrayList<String>();
        String sql = "SELECT s.product_id, s.warehouse_id, s.on_hand, s.reserved,"
                + " COALESCE(SUM(m.on_hand_delta), 0) AS ledger_on_hand, COALESCE(SUM(m.reserved_delta), 0) AS ledger_reserved,"
                + " (SELECT m2.on_hand_after FROM stock_movements m2 WHERE m2.tenant_id = s.tenant_id"
                + "   AND m2.product_id = s.product_id AND m2.warehouse_id = s.warehouse_id ORDER BY m2.id DESC LIMIT 1) AS last_on_hand,"
                + " (SELECT m3.reserved_after FROM stock_movements m3 WHERE m3.tenant_id = s.tenant_id"
                + "   AND m3.product_id = s.product_id AND m3.warehouse_id = s.warehouse_id ORDER BY m3.id DESC LIMIT 1) AS last_reserved"
                + " FROM stock s LEFT JOIN stock_movements m ON m.tenant_id = s.tenant_id AND m.product_id = s.product_id"
                + " AND m.warehouse_id = s.warehouse_id WHERE s.tenant_id = ?"
                + " GROUP BY s.tenant_id, s.product_id, s.warehouse_id, s.on_hand, s.reserved";
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    BigDecimal onHand = rows.getBigDecimal("on_hand");
                    BigDecimal reserved = rows.getBigDecimal("reserved");
                    String row = "stock(product " + rows.getLong("product_id") + ", warehouse " + rows.getLong("warehouse_id") + ")";
                    check(problems, row + " on_hand vs ledger", onHand, rows.getBigDecimal("ledger_on_hand"));
                    check(problems, row + " reserved vs ledger", reserved, rows.getBigDecimal("ledger_reserved"));
                    if (rows.getBigDecimal("last_on_hand") != null) {
                        check(problems, row + " on_hand vs last balance", onHand, rows.getBigDecimal("last_on_hand"));
                        check(problems, row + " reserved vs last balance", reserved, rows.getBigDecimal("last_reserved"));
                    }
                    if (reserved.signum() < 0 || reserved.compareTo(onHand) > 0) {
                        problems.add(row + " has reserved " + reserved + " outside 0.." + onHand);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("stock does not equal its ledger:\n" + String.join("\n", problems));
        }
    }

    /**
     * The one consistency check of the fault tests: stock equals its ledger ({@link #assertStockEqualsLedger})
     * and every stock row's reserved quantity equals what its open reservations still hold
     * (stock_reservations.quantity is what a document still holds; issued and released count what left it).
     */
    public static void assertConsistent(String tenant) {
        assertStockEqualsLedger(tenant);
        var problems = new ArrayList<String>();
        String sql = "SELECT s.product_id, s.warehouse_id, s.reserved,"
                + " COALESCE((SELECT SUM(r.quantity) FROM stock_reservations r"
                + "   WHERE r.tenant_id = s.tenant_id AND r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id), 0)"
                + "   AS open_reservations"
                + " FROM stock s WHERE s.tenant_id = ?";
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    check(problems, "stock(product " + rows.getLong("product_id") + ", warehouse " + rows.getLong("warehouse_id")
                            + ") reserved vs open reservations", rows.getBigDecimal("reserved"),
                            rows.getBigDecimal("open_reservations"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("reserved stock does not equal the open reservations:\n" + String.join("\n", problems));
        }
    }

    private static void check(List<String> problems, String what, BigDecimal expected, BigDecimal actual) {
        if (expected.compareTo(actual) != 0) {
            problems.add(what + ": " + expected + " != " + actual);
        }
    }

    /** A single SQL number from the test database, e.g. {@code SELECT on_hand FROM stock ...}. */
    public static BigDecimal decimal(String sql, Object... args) {
        try (var connection = TestInfrastructure.get().connection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getBigDecimal(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}

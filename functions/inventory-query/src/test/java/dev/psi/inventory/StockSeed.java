package dev.psi.inventory;

import dev.psi.testing.TestInfrastructure;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes stock the way stock-adjust's ledger leaves it (a row and its movements), for a function
 * that only reads it.
 */
final class StockSeed {

    private StockSeed() {
    }

    static void stock(String tenant, String sku, String warehouse, String onHand, String reserved, String averageCost) {
        move(tenant, sku, warehouse, "RECEIPT", onHand, "0", averageCost, Instant.now());
        if (new BigDecimal(reserved).signum() > 0) {
            move(tenant, sku, warehouse, "RESERVE", "0", reserved, averageCost, Instant.now());
        }
    }

    /** Applies one movement to the row (creating it) and appends it to the ledger. */
    static void move(String tenant, String sku, String warehouse, String type, String onHandDelta, String reservedDelta,
                     String averageCost, Instant at) {
        var time = Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        try (var connection = TestInfrastructure.get().connection()) {
            connection.setAutoCommit(false);
            String ids = "(SELECT id FROM products WHERE tenant_id = ? AND sku = ?), (SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?)";
            try (var insert = connection.prepareStatement("INSERT INTO stock (tenant_id, product_id, warehouse_id,"
                    + " updated_at) VALUES (?, " + ids + ", ?) ON DUPLICATE KEY UPDATE id = id")) {
                bind(insert, tenant, tenant, sku, tenant, warehouse, time);
                insert.executeUpdate();
            }
            try (var update = connection.prepareStatement("UPDATE stock SET on_hand = on_hand + ?, reserved = reserved + ?,"
                    + " average_cost = ? WHERE tenant_id = ? AND product_id = (SELECT id FROM products WHERE tenant_id = ?"
                    + " AND sku = ?) AND warehouse_id = (SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?)")) {
                bind(update, new BigDecimal(onHandDelta), new BigDecimal(reservedDelta), new BigDecimal(averageCost),
                        tenant, tenant, sku, tenant, warehouse);
                update.executeUpdate();
            }
            try (var ledger = connection.prepareStatement("INSERT INTO stock_movements (tenant_id, product_id, warehouse_id,"
                    + " movement_type, on_hand_delta, reserved_delta, unit_cost, value_delta, on_hand_after, reserved_after,"
                    + " average_cost_after, reference_type, reference_number, created_at)"
                    + " SELECT s.tenant_id, s.product_id, s.warehouse_id, ?, ?, ?, ?, ROUND(? * ?, 2), s.on_hand, s.reserved,"
                    + " s.average_cost, 'TEST', 'SEED', ? FROM stock s WHERE s.tenant_id = ? AND s.product_id = "
                    + "(SELECT id FROM products WHERE tenant_id = ? AND sku = ?) AND s.warehouse_id = "
                    + "(SELECT id FROM warehouses WHERE tenant_id = ? AND code = ?)")) {
                bind(ledger, type, new BigDecimal(onHandDelta), new BigDecimal(reservedDelta), new BigDecimal(averageCost),
                        new BigDecimal(onHandDelta), new BigDecimal(averageCost), time, tenant, tenant, sku, tenant, warehouse);
                ledger.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(java.sql.PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }
}

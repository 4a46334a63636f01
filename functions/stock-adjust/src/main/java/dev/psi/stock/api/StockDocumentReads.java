package dev.psi.stock.api;

import dev.psi.contract.stock.MovementType;
import dev.psi.contract.stock.StockMovement;
import dev.psi.contract.stock.StocktakeResult;
import dev.psi.contract.stock.TransferResult;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import jakarta.inject.Singleton;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.List;

/** Stock documents read back by number, in the shape their POST answered. */
@Singleton
final class StockDocumentReads {

    private static final String MOVEMENTS = "SELECT m.*, p.sku, w.code AS warehouse_code FROM stock_movements m"
            + " JOIN products p ON p.id = m.product_id JOIN warehouses w ON w.id = m.warehouse_id"
            + " WHERE m.tenant_id = ? AND m.reference_type = ? AND m.reference_number = ? ORDER BY m.id";

    private final Database database;

    StockDocumentReads(Database database) {
        this.database = database;
    }

    StockMovement adjustment(TenantId tenant, String number) {
        return database.read(tx -> {
            header(tx, tenant, "ADJUSTMENT", number);
            return movements(tx, tenant, "ADJUSTMENT", number).get(0);
        });
    }

    TransferResult transfer(TenantId tenant, String number) {
        return database.read(tx -> {
            var header = header(tx, tenant, "TRANSFER", number);
            return new TransferResult(number, header[0], header[1], movements(tx, tenant, "TRANSFER", number));
        });
    }

    StocktakeResult stocktake(TenantId tenant, String number) {
        return database.read(tx -> {
            var header = header(tx, tenant, "STOCKTAKE", number);
            // A variance's value is what its movement booked (the change of the row's value).
            var variances = tx.list("SELECT p.sku, l.system_quantity, l.counted_quantity, l.quantity, l.unit_cost,"
                            + " (SELECT COALESCE(SUM(m.value_delta), 0) FROM stock_movements m WHERE m.tenant_id = d.tenant_id"
                            + "   AND m.reference_type = d.document_type AND m.reference_number = d.number"
                            + "   AND m.product_id = l.product_id AND m.warehouse_id = d.warehouse_id) AS value_delta"
                            + " FROM stock_document_lines l JOIN stock_documents d ON d.id = l.document_id"
                            + " JOIN products p ON p.id = l.product_id"
                            + " WHERE d.tenant_id = ? AND d.number = ? ORDER BY l.line_no",
                    row -> new StocktakeResult.Variance(row.string("sku"), row.decimal("system_quantity"),
                            row.decimal("counted_quantity"), row.decimal("quantity"), row.decimal("unit_cost"),
                            row.decimal("value_delta").setScale(2, RoundingMode.UNNECESSARY)),
                    tenant.value(), number);
            return new StocktakeResult(number, header[0], variances, movements(tx, tenant, "STOCKTAKE", number));
        });
    }

    /** The document's warehouse codes (from, to); 404 when the tenant has no such document of that type. */
    private static String[] header(Tx tx, TenantId tenant, String type, String number) throws SQLException {
        return tx.one("SELECT w.code AS from_code, t.code AS to_code FROM stock_documents d"
                        + " JOIN warehouses w ON w.id = d.warehouse_id LEFT JOIN warehouses t ON t.id = d.to_warehouse_id"
                        + " WHERE d.tenant_id = ? AND d.document_type = ? AND d.number = ?",
                row -> new String[] {row.string("from_code"), row.string("to_code")}, tenant.value(), type, number)
                .orElseThrow(() -> ProblemException.notFound("Stock " + type.toLowerCase(), number));
    }

    private static List<StockMovement> movements(Tx tx, TenantId tenant, String type, String number) throws SQLException {
        return tx.list(MOVEMENTS, StockDocumentReads::movement, tenant.value(), type, number);
    }

    private static StockMovement movement(Row row) throws SQLException {
        return new StockMovement(row.longValue("id"), row.string("sku"), row.string("warehouse_code"),
                MovementType.valueOf(row.string("movement_type")), row.decimal("on_hand_delta"),
                row.decimal("reserved_delta"), row.decimal("unit_cost"), row.decimal("value_delta"),
                row.decimal("on_hand_after"), row.decimal("reserved_after"), row.decimal("average_cost_after"),
                row.string("reason"), row.string("reference_type"), row.string("reference_number"),
                row.string("event_id"), row.instant("created_at"));
    }
}

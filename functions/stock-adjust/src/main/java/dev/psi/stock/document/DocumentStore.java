package dev.psi.stock.document;

import dev.psi.kernel.db.Tx;
import dev.psi.stock.domain.StockKey;
import dev.psi.stock.ledger.MovementContext;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;

/** The records behind hand-raised movements: stock documents with their lines. */
@Singleton
final class DocumentStore {

    long create(Tx tx, MovementContext ctx, long warehouseId, @Nullable Long toWarehouseId, @Nullable String note)
            throws SQLException {
        return tx.insert("INSERT INTO stock_documents (tenant_id, document_type, number, warehouse_id, to_warehouse_id,"
                        + " reason, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), ctx.referenceType(), ctx.referenceNumber(), warehouseId, toWarehouseId,
                ctx.reason(), note, ctx.actor(), ctx.at());
    }

    /** A document line: the quantity moved (a stocktake's variance), for a count also booked and counted. */
    record Line(int lineNo, StockKey key, BigDecimal quantity, @Nullable BigDecimal systemQuantity,
                @Nullable BigDecimal countedQuantity, BigDecimal unitCost) {
    }

    void line(Tx tx, MovementContext ctx, long documentId, Line line) throws SQLException {
        tx.update("INSERT INTO stock_document_lines (tenant_id, document_id, line_no, product_id, quantity,"
                        + " system_quantity, counted_quantity, unit_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ctx.tenant().value(), documentId, line.lineNo(), line.key().productId(), line.quantity(),
                line.systemQuantity(), line.countedQuantity(), line.unitCost());
    }
}

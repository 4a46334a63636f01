package dev.psi.stock.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.stock.AdjustmentReason;
import dev.psi.contract.stock.StockDocumentSummary;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.ListQuery;
import dev.psi.kernel.db.Pages;
import dev.psi.kernel.db.Row;
import dev.psi.kernel.db.Where;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ListParams;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Lists of stock documents, newest first: plain reads of stock_documents and their lines, apart from
 * the ledger and the reservations (which they never touch).
 */
@Singleton
final class StockDocumentLists {

    /** A list's filters, each optional: created from and to (dates, UTC, both inclusive), warehouse, SKU, reason. */
    record Filter(@Nullable LocalDate from, @Nullable LocalDate to, @Nullable String warehouseCode,
                  @Nullable String sku, @Nullable String reason, @Nullable String sort) {
    }

    private static final ListQuery LIST = new ListQuery("d.id, d.number, d.document_type, w.code AS warehouse_code,"
            + " t.code AS to_warehouse_code, d.reason, d.note, d.created_by, d.created_at,"
            + " (SELECT COUNT(*) FROM stock_document_lines l WHERE l.document_id = d.id) AS line_count",
            "stock_documents d JOIN warehouses w ON w.id = d.warehouse_id LEFT JOIN warehouses t ON t.id = d.to_warehouse_id");
    private static final Map<String, String> SORTS = Map.of("createdAt", "d.created_at", "number", "d.number");

    private final Database database;

    StockDocumentLists(Database database) {
        this.database = database;
    }

    Page<StockDocumentSummary> list(TenantId tenant, String type, PageRequest page, Filter filter) {
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw ProblemException.invalid(List.of(new FieldError("to", "must not be before from")));
        }
        String reason = null;
        if (filter.reason() != null && !filter.reason().isBlank()) {
            if (!"ADJUSTMENT".equals(type)) {
                throw ProblemException.invalid("reason", "only adjustments have a reason");
            }
            reason = ListParams.oneOf("reason", filter.reason(), AdjustmentReason.class).name();
        }
        String key = filter.sort() == null || filter.sort().isBlank() ? "-createdAt" : filter.sort().trim();
        String orderBy = ListParams.orderBy(key, "-createdAt", SORTS, key.startsWith("-") ? "d.id DESC" : "d.id");
        var where = Where.tenant("d.tenant_id", tenant).and("d.document_type = ?", type)
                .andIf(filter.from() == null ? null : filter.from().atStartOfDay().toInstant(ZoneOffset.UTC), "d.created_at >= ?")
                .andIf(filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), "d.created_at < ?")
                .andIf(blankToNull(filter.sku()), "EXISTS (SELECT 1 FROM stock_document_lines l JOIN products p"
                        + " ON p.id = l.product_id WHERE l.document_id = d.id AND p.sku = ?)")
                .andIf(reason, "d.reason = ?");
        String warehouse = blankToNull(filter.warehouseCode());
        if (warehouse != null) {
            // A transfer is listed under both of its warehouses.
            where.and("w.code = ? OR t.code = ?", warehouse, warehouse);
        }
        return database.read(tx -> Pages.fetch(tx, LIST, where, orderBy, page, StockDocumentLists::row));
    }

    private static StockDocumentSummary row(Row row) throws SQLException {
        return new StockDocumentSummary(row.string("number"), row.string("document_type"), row.string("warehouse_code"),
                row.string("to_warehouse_code"), row.string("reason"), row.string("note"),
                row.intValue("line_count"), row.string("created_by"),
                row.instant("created_at"));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

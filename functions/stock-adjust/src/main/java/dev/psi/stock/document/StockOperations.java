package dev.psi.stock.document;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.stock.StockAdjustmentRequest;
import dev.psi.contract.stock.StockMovement;
import dev.psi.contract.stock.StocktakeRequest;
import dev.psi.contract.stock.StocktakeResult;
import dev.psi.contract.stock.TransferRequest;
import dev.psi.contract.stock.TransferResult;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import java.sql.SQLException;
import java.util.List;

/**
 * Every way stock changes, one interface: the documents raised by hand over HTTP, and the
 * movements that order events drive. Each runs inside the caller's transaction (an HTTP request's
 * or an inbox delivery's), appends its ledger rows and writes its event to the outbox there.
 * The order-driven operations answer with the event they emitted: a success or a typed rejection.
 */
public interface StockOperations {

    /** A manual adjustment (signed quantity); refused with 409 when it would take more than is available. */
    StockMovement adjust(Tx tx, TenantId tenant, StockAdjustmentRequest request) throws SQLException;

    /** Moves every line between warehouses, or none. */
    TransferResult transfer(Tx tx, TenantId tenant, TransferRequest request) throws SQLException;

    /** Books the counted quantities: gains and losses against the ledger. */
    StocktakeResult stocktake(Tx tx, TenantId tenant, StocktakeRequest request) throws SQLException;

    /** Reserves every line for a sales order, or none: {@code stock.reserved} or {@code stock.reservation-rejected}. */
    PsiEvent reserve(Tx tx, TenantId tenant, String orderNumber, String warehouseCode, List<Lines.Quantity> lines,
                     @Nullable String eventId) throws SQLException;

    /** Releases whatever the order still holds reserved: {@code stock.released}. */
    PsiEvent release(Tx tx, TenantId tenant, String orderNumber, String warehouseCode, @Nullable String eventId)
            throws SQLException;

    /** Ships from the order's reservation: {@code stock.issued} (with cost of goods) or {@code stock.issue-rejected}. */
    PsiEvent issue(Tx tx, TenantId tenant, String orderNumber, String shipmentNumber, String warehouseCode,
                   List<Lines.Quantity> lines, @Nullable String eventId) throws SQLException;

    /** A goods receipt at the line prices: {@code stock.received}. */
    PsiEvent receive(Tx tx, TenantId tenant, String orderNumber, String receiptNumber, String warehouseCode,
                     List<Lines.Priced> lines, @Nullable String eventId) throws SQLException;

    /** A customer return taken back in at the given unit costs: {@code stock.returned-in}. */
    PsiEvent returnIn(Tx tx, TenantId tenant, String orderNumber, String returnNumber, String warehouseCode,
                      List<Lines.Priced> lines, @Nullable String eventId) throws SQLException;

    /** Goods sent back to a supplier: {@code stock.returned-out} or {@code stock.return-out-rejected}. */
    PsiEvent returnOut(Tx tx, TenantId tenant, String orderNumber, String returnNumber, String warehouseCode,
                       List<Lines.Quantity> lines, @Nullable String eventId) throws SQLException;
}

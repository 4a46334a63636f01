package dev.psi.stock.document;

import static dev.psi.stock.ledger.OrderLines.plain;

import dev.psi.contract.events.StockEvents;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.ProblemType;
import dev.psi.contract.stock.MovementType;
import dev.psi.contract.stock.StockAdjustmentRequest;
import dev.psi.contract.stock.StockMovement;
import dev.psi.contract.stock.StocktakeRequest;
import dev.psi.contract.stock.StocktakeResult;
import dev.psi.contract.stock.TransferRequest;
import dev.psi.contract.stock.TransferResult;
import dev.psi.kernel.db.DataAccessException;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.stock.domain.InsufficientStock;
import dev.psi.stock.domain.Shortage;
import dev.psi.stock.domain.StockKey;
import dev.psi.stock.domain.Stocktakes;
import dev.psi.stock.ledger.Movement;
import dev.psi.stock.ledger.MovementContext;
import dev.psi.stock.ledger.StockKeys;
import dev.psi.stock.ledger.StockLedger;
import dev.psi.stock.ledger.StockOutbox;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock documents raised by hand over HTTP: adjustments, transfers and stocktakes. Each is one
 * transaction (all of it or none, run once per Idempotency-Key): it books its movements and its
 * document, and tells {@code stock.adjusted}.
 */
@Singleton
public final class StockDocuments {

    static final String ADJUSTMENT = "ADJUSTMENT";
    static final String TRANSFER = "TRANSFER";
    static final String STOCKTAKE = "STOCKTAKE";

    private final Database database;
    private final StockLedger ledger;
    private final StockKeys keys;
    private final DocumentStore store;
    private final StockOutbox outbox;
    private final Clock clock;

    StockDocuments(Database database, StockLedger ledger, StockKeys keys, DocumentStore store, StockOutbox outbox,
                   Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.keys = keys;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A manual adjustment (signed quantity); refused with 409 when it would take more than is available. */
    public Outcome<StockMovement> adjust(TenantId tenant, StockAdjustmentRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> Outcome.of(adjust(tx, tenant, request))));
    }

    /** Moves every line between warehouses, or none, at the source's average cost. */
    public Outcome<TransferResult> transfer(TenantId tenant, TransferRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> Outcome.of(transfer(tx, tenant, request))));
    }

    /** Books the counted quantities: gains and losses against the ledger. */
    public Outcome<StocktakeResult> stocktake(TenantId tenant, StocktakeRequest request, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> Outcome.of(stocktake(tx, tenant, request))));
    }

    private StockMovement adjust(Tx tx, TenantId tenant, StockAdjustmentRequest request) throws SQLException {
        int sign = request.quantity().signum();
        if (sign == 0) {
            throw ProblemException.invalid("quantity", "must not be 0: positive adds stock, negative removes it");
        }
        var key = keys.resolve(tx, tenant, request.sku(), request.warehouseCode(), "sku", "warehouseCode");
        var ctx = context(tx, tenant, request.reason().name(), ADJUSTMENT, "ADJ");
        Movement movement;
        if (sign > 0) {
            BigDecimal unitCost = request.unitCost() != null ? request.unitCost() : ledger.entryCost(tx, ctx, key);
            movement = ledger.increase(tx, ctx, key, MovementType.ADJUSTMENT_IN, request.quantity(), unitCost);
        } else {
            BigDecimal quantity = request.quantity().negate();
            movement = ledger.decrease(tx, ctx, key, MovementType.ADJUSTMENT_OUT, quantity)
                    .orElseThrow(() -> insufficient(tx, ctx, key, quantity));
        }
        long documentId = store.create(tx, ctx, key.warehouseId(), null, request.note());
        store.line(tx, ctx, documentId, new DocumentStore.Line(1, key, request.quantity(), null, null, movement.unitCost()));
        adjusted(tx, ctx, List.of(movement));
        return movement.view();
    }

    private TransferResult transfer(Tx tx, TenantId tenant, TransferRequest request) throws SQLException {
        if (request.fromWarehouseCode().equals(request.toWarehouseCode())) {
            throw ProblemException.invalid("toWarehouseCode", "must differ from fromWarehouseCode");
        }
        requireDistinctSkus(request.lines().stream().map(l -> l.sku()).toList());
        var ctx = context(tx, tenant, null, TRANSFER, "TRF");
        var from = new ArrayList<StockKey>();
        var to = new ArrayList<StockKey>();
        for (int i = 0; i < request.lines().size(); i++) {
            String sku = request.lines().get(i).sku();
            from.add(keys.resolve(tx, tenant, sku, request.fromWarehouseCode(), "lines[" + i + "].sku", "fromWarehouseCode"));
            to.add(keys.resolve(tx, tenant, sku, request.toWarehouseCode(), "lines[" + i + "].sku", "toWarehouseCode"));
        }
        lockInOrder(tx, ctx, from, to);
        var movements = new ArrayList<Movement>();
        var shortages = new ArrayList<Shortage>();
        for (int i = 0; i < from.size(); i++) {
            BigDecimal quantity = request.lines().get(i).quantity();
            Optional<Movement> out = ledger.decrease(tx, ctx, from.get(i), MovementType.TRANSFER_OUT, quantity);
            if (out.isEmpty()) {
                shortages.add(ledger.shortage(tx, ctx, from.get(i), quantity));
                continue;
            }
            movements.add(out.get());
            movements.add(ledger.increase(tx, ctx, to.get(i), MovementType.TRANSFER_IN, quantity, out.get().unitCost()));
        }
        if (!shortages.isEmpty()) {
            throw problem(new InsufficientStock(shortages));
        }
        long documentId = store.create(tx, ctx, from.get(0).warehouseId(), to.get(0).warehouseId(), request.note());
        for (int i = 0; i < from.size(); i++) {
            store.line(tx, ctx, documentId, new DocumentStore.Line(i + 1, from.get(i), request.lines().get(i).quantity(),
                    null, null, movements.get(2 * i).unitCost()));
        }
        adjusted(tx, ctx, movements);
        return new TransferResult(ctx.referenceNumber(), request.fromWarehouseCode(), request.toWarehouseCode(),
                movements.stream().map(Movement::view).toList());
    }

    private StocktakeResult stocktake(Tx tx, TenantId tenant, StocktakeRequest request) throws SQLException {
        requireDistinctSkus(request.lines().stream().map(StocktakeRequest.Line::sku).toList());
        var ctx = context(tx, tenant, null, STOCKTAKE, "STK");
        var counted = new LinkedHashMap<StockKey, BigDecimal>();
        for (int i = 0; i < request.lines().size(); i++) {
            var line = request.lines().get(i);
            counted.put(keys.resolve(tx, tenant, line.sku(), request.warehouseCode(), "lines[" + i + "].sku", "warehouseCode"),
                    line.countedQuantity());
        }
        var sorted = counted.keySet().stream().sorted().toList();
        var balances = new LinkedHashMap<StockKey, StockLedger.Balance>();
        for (StockKey key : sorted) {
            ledger.ensureRow(tx, ctx, key);
            balances.put(key, ledger.lock(tx, ctx, key));
        }
        var errors = new ArrayList<FieldError>();
        int index = 0;
        for (var entry : counted.entrySet()) {
            var balance = balances.get(entry.getKey());
            if (!Stocktakes.coversReservations(entry.getValue(), balance.reserved())) {
                errors.add(new FieldError("lines[" + index + "].countedQuantity", balance.reserved().toPlainString()
                        + " units are reserved for orders; release them before counting below that"));
            }
            index++;
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "The count is below reserved stock", errors, Map.of());
        }
        long documentId = store.create(tx, ctx, sorted.get(0).warehouseId(), null, request.note());
        var variances = new ArrayList<StocktakeResult.Variance>();
        var movements = new ArrayList<Movement>();
        int lineNo = 1;
        for (var entry : counted.entrySet()) {
            StockKey key = entry.getKey();
            var balance = balances.get(key);
            BigDecimal variance = Stocktakes.variance(balance.onHand(), entry.getValue());
            BigDecimal unitCost = Stocktakes.gainCost(balance.averageCost(), balance.onHand(), key.purchasePrice());
            Movement movement = null;
            if (variance.signum() > 0) {
                movement = ledger.increase(tx, ctx, key, MovementType.STOCKTAKE_GAIN, variance, unitCost);
            } else if (variance.signum() < 0) {
                movement = ledger.decrease(tx, ctx, key, MovementType.STOCKTAKE_LOSS, variance.negate())
                        .orElseThrow(() -> new IllegalStateException("locked stock row changed under a stocktake"));
            }
            if (movement != null) {
                movements.add(movement);
            }
            store.line(tx, ctx, documentId, new DocumentStore.Line(lineNo++, key, variance, balance.onHand(),
                    entry.getValue(), unitCost));
            variances.add(new StocktakeResult.Variance(key.sku(), plain(balance.onHand()), plain(entry.getValue()),
                    plain(variance), plain(movement == null ? unitCost : movement.unitCost()),
                    movement == null ? BigDecimal.ZERO.setScale(2) : movement.valueDelta()));
        }
        if (!movements.isEmpty()) {
            adjusted(tx, ctx, movements);
        }
        return new StocktakeResult(ctx.referenceNumber(), request.warehouseCode(), variances,
                movements.stream().map(Movement::view).toList());
    }

    /** The next number of the document type, and the context its movements share. */
    private MovementContext context(Tx tx, TenantId tenant, @Nullable String reason, String documentType, String prefix)
            throws SQLException {
        var now = clock.instant();
        return MovementContext.ofDocument(tenant, reason, documentType, DocumentNumbers.next(tx, tenant, prefix, now), now);
    }

    /** Locks every row of a two-warehouse document in the global lock order. */
    private void lockInOrder(Tx tx, MovementContext ctx, List<StockKey> sources, List<StockKey> targets) throws SQLException {
        var all = new ArrayList<StockKey>(sources);
        all.addAll(targets);
        all.sort(StockKey.LOCK_ORDER);
        var sourceSet = new HashSet<>(sources);
        for (StockKey key : all) {
            if (sourceSet.contains(key)) {
                ledger.lock(tx, ctx, key);
            } else {
                ledger.ensureRow(tx, ctx, key);
            }
        }
    }

    private void adjusted(Tx tx, MovementContext ctx, List<Movement> movements) throws SQLException {
        var lines = movements.stream().map(m -> new StockEvents.Movement(m.key().sku(), m.key().warehouseCode(),
                m.type().name(), plain(m.onHandDelta()), plain(m.onHandAfter()))).toList();
        outbox.emit(tx, ctx, (id, tenant, number, at) ->
                new StockEvents.Adjusted(id, tenant, number, at, number, ctx.referenceType(), lines));
    }

    private ProblemException insufficient(Tx tx, MovementContext ctx, StockKey key, BigDecimal quantity) {
        try {
            return problem(new InsufficientStock(List.of(ledger.shortage(tx, ctx, key, quantity))));
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** 409 naming, for each short line, the SKU, the warehouse, and the requested and available quantities. */
    static ProblemException problem(InsufficientStock e) {
        var first = e.shortages().get(0);
        var context = new LinkedHashMap<String, Object>();
        context.put("sku", first.sku());
        context.put("warehouseCode", first.warehouseCode());
        context.put("requested", first.requested());
        context.put("available", first.available());
        context.put("shortages", e.shortages().stream().map(s -> Map.of("sku", s.sku(), "warehouseCode",
                s.warehouseCode(), "requested", s.requested(), "available", s.available())).toList());
        return new ProblemException(ProblemType.INSUFFICIENT_STOCK, e.getMessage(), List.of(), context);
    }

    private static void requireDistinctSkus(List<String> skus) {
        var seen = new HashSet<String>();
        for (int i = 0; i < skus.size(); i++) {
            if (!seen.add(skus.get(i).toLowerCase())) {
                throw ProblemException.invalid("lines[" + i + "].sku", "SKU '" + skus.get(i) + "' appears twice");
            }
        }
    }
}

package dev.psi.stock.document;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
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
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.Decimals;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.Outbox;
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
import java.util.UUID;

@Singleton
final class StockService implements StockOperations {

    static final String SALES_ORDER = "SALES_ORDER";
    static final String PURCHASE_ORDER = "PURCHASE_ORDER";

    private final StockLedger ledger;
    private final StockKeys keys;
    private final StockDocuments documents;
    private final Outbox outbox;
    private final Clock clock;

    StockService(StockLedger ledger, StockKeys keys, StockDocuments documents, Outbox outbox, Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.documents = documents;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public StockMovement adjust(Tx tx, TenantId tenant, StockAdjustmentRequest request) throws SQLException {
        int sign = request.quantity().signum();
        if (sign == 0) {
            throw ProblemException.invalid("quantity", "must not be 0: positive adds stock, negative removes it");
        }
        var key = keys.resolve(tx, tenant, request.sku(), request.warehouseCode(), "sku", "warehouseCode");
        var now = clock.instant();
        String number = DocumentNumbers.next(tx, tenant, "ADJ", now);
        var ctx = new MovementContext(tenant, request.reason().name(), "ADJUSTMENT", number, null, null, now);
        Movement movement;
        if (sign > 0) {
            BigDecimal unitCost = request.unitCost() != null ? request.unitCost() : entryCost(tx, ctx, key);
            movement = ledger.increase(tx, ctx, key, MovementType.ADJUSTMENT_IN, request.quantity(), unitCost);
        } else {
            BigDecimal quantity = request.quantity().negate();
            movement = ledger.decrease(tx, ctx, key, MovementType.ADJUSTMENT_OUT, quantity)
                    .orElseThrow(() -> insufficient(tx, ctx, key, quantity));
        }
        long documentId = documents.create(tx, ctx, "ADJUSTMENT", key.warehouseId(), null, request.note());
        documents.line(tx, ctx, documentId, 1, key, request.quantity(), null, null, movement.unitCost());
        adjusted(tx, ctx, "ADJUSTMENT", List.of(movement));
        return movement.view();
    }

    @Override
    public TransferResult transfer(Tx tx, TenantId tenant, TransferRequest request) throws SQLException {
        if (request.fromWarehouseCode().equals(request.toWarehouseCode())) {
            throw ProblemException.invalid("toWarehouseCode", "must differ from fromWarehouseCode");
        }
        requireDistinctSkus(request.lines().stream().map(l -> l.sku()).toList(), "lines");
        var now = clock.instant();
        String number = DocumentNumbers.next(tx, tenant, "TRF", now);
        var ctx = new MovementContext(tenant, null, "TRANSFER", number, null, null, now);
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
        long documentId = documents.create(tx, ctx, "TRANSFER", from.get(0).warehouseId(), to.get(0).warehouseId(), request.note());
        for (int i = 0; i < from.size(); i++) {
            documents.line(tx, ctx, documentId, i + 1, from.get(i), request.lines().get(i).quantity(), null, null,
                    movements.get(2 * i).unitCost());
        }
        adjusted(tx, ctx, "TRANSFER", movements);
        return new TransferResult(number, request.fromWarehouseCode(), request.toWarehouseCode(),
                movements.stream().map(Movement::view).toList());
    }

    @Override
    public StocktakeResult stocktake(Tx tx, TenantId tenant, StocktakeRequest request) throws SQLException {
        requireDistinctSkus(request.lines().stream().map(StocktakeRequest.Line::sku).toList(), "lines");
        var now = clock.instant();
        String number = DocumentNumbers.next(tx, tenant, "STK", now);
        var ctx = new MovementContext(tenant, null, "STOCKTAKE", number, null, null, now);
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
        long documentId = documents.create(tx, ctx, "STOCKTAKE", sorted.get(0).warehouseId(), null, request.note());
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
            documents.line(tx, ctx, documentId, lineNo++, key, variance, balance.onHand(), entry.getValue(), unitCost);
            variances.add(new StocktakeResult.Variance(key.sku(), plain(balance.onHand()), plain(entry.getValue()),
                    plain(variance), plain(movement == null ? unitCost : movement.unitCost()),
                    movement == null ? BigDecimal.ZERO.setScale(2) : movement.valueDelta()));
        }
        if (!movements.isEmpty()) {
            adjusted(tx, ctx, "STOCKTAKE", movements);
        }
        return new StocktakeResult(number, request.warehouseCode(), variances, movements.stream().map(Movement::view).toList());
    }

    @Override
    public PsiEvent reserve(Tx tx, TenantId tenant, String orderNumber, String warehouseCode, List<Lines.Quantity> lines,
                            @Nullable String eventId) throws SQLException {
        var now = clock.instant();
        var ctx = new MovementContext(tenant, null, SALES_ORDER, orderNumber, eventId, null, now);
        if (documents.hasReservation(tx, tenant, SALES_ORDER, orderNumber)) {
            return reserved(ctx, orderNumber, warehouseCode, lines);
        }
        var wanted = merge(lines);
        var sortedKeys = new ArrayList<StockKey>();
        for (var entry : wanted.entrySet()) {
            sortedKeys.add(keys.resolve(tx, tenant, entry.getKey(), warehouseCode, "sku", "warehouseCode"));
        }
        sortedKeys.sort(StockKey.LOCK_ORDER);
        try {
            tx.attempt(t -> {
                var shortages = new ArrayList<Shortage>();
                for (StockKey key : sortedKeys) {
                    BigDecimal quantity = wanted.get(key.sku());
                    if (ledger.reserve(t, ctx, key, quantity).isPresent()) {
                        documents.reserve(t, ctx, SALES_ORDER, orderNumber, key, quantity);
                    } else {
                        shortages.add(ledger.shortage(t, ctx, key, quantity));
                    }
                }
                if (!shortages.isEmpty()) {
                    throw new InsufficientStock(shortages);
                }
                return null;
            });
        } catch (InsufficientStock e) {
            var rejected = new StockEvents.ReservationRejected(UUID.randomUUID().toString(), tenant.value(), orderNumber,
                    now, orderNumber, warehouseCode, e.getMessage(), shortLines(e.shortages()));
            outbox.append(tx, rejected);
            return rejected;
        }
        var reserved = reserved(ctx, orderNumber, warehouseCode, lines);
        outbox.append(tx, reserved);
        return reserved;
    }

    @Override
    public PsiEvent release(Tx tx, TenantId tenant, String orderNumber, String warehouseCode, @Nullable String eventId)
            throws SQLException {
        var now = clock.instant();
        var ctx = new MovementContext(tenant, null, SALES_ORDER, orderNumber, eventId, null, now);
        var released = new ArrayList<Lines.Quantity>();
        for (var held : documents.heldReservations(tx, tenant, SALES_ORDER, orderNumber)) {
            ledger.release(tx, ctx, held.key(), held.quantity())
                    .orElseThrow(() -> new IllegalStateException("reservation of " + orderNumber + " exceeds reserved stock"));
            documents.releaseReservation(tx, held.id(), held.quantity(), now);
            released.add(new Lines.Quantity(held.key().sku(), plain(held.quantity())));
        }
        var event = new StockEvents.Released(UUID.randomUUID().toString(), tenant.value(), orderNumber, now, orderNumber,
                warehouseCode, released);
        outbox.append(tx, event);
        return event;
    }

    @Override
    public PsiEvent issue(Tx tx, TenantId tenant, String orderNumber, String shipmentNumber, String warehouseCode,
                          List<Lines.Quantity> lines, @Nullable String eventId) throws SQLException {
        var now = clock.instant();
        var ctx = new MovementContext(tenant, null, SALES_ORDER, orderNumber, eventId, null, now);
        var wanted = merge(lines);
        var held = new LinkedHashMap<String, StockDocuments.Held>();
        documents.heldReservations(tx, tenant, SALES_ORDER, orderNumber).forEach(h -> held.put(h.key().sku(), h));
        var shortages = new ArrayList<Shortage>();
        for (var entry : wanted.entrySet()) {
            var reservation = held.get(entry.getKey());
            BigDecimal available = reservation == null ? BigDecimal.ZERO : reservation.quantity();
            if (available.compareTo(entry.getValue()) < 0) {
                shortages.add(new Shortage(entry.getKey(), warehouseCode, plain(entry.getValue()), plain(available)));
            }
        }
        if (!shortages.isEmpty()) {
            var rejected = new StockEvents.IssueRejected(UUID.randomUUID().toString(), tenant.value(), orderNumber, now,
                    orderNumber, shipmentNumber, warehouseCode,
                    "The shipment exceeds what the order holds reserved", shortLines(shortages));
            outbox.append(tx, rejected);
            return rejected;
        }
        var issued = new ArrayList<Lines.Priced>();
        var ordered = wanted.keySet().stream().map(held::get).sorted((a, b) -> a.key().compareTo(b.key())).toList();
        for (var reservation : ordered) {
            BigDecimal quantity = wanted.get(reservation.key().sku());
            var movement = ledger.issueReserved(tx, ctx, reservation.key(), quantity)
                    .orElseThrow(() -> new IllegalStateException("reserved stock of " + orderNumber + " is missing"));
            documents.issueFromReservation(tx, reservation.id(), quantity, now);
            issued.add(new Lines.Priced(reservation.key().sku(), plain(quantity), plain(movement.unitCost())));
        }
        var event = new StockEvents.Issued(UUID.randomUUID().toString(), tenant.value(), orderNumber, now, orderNumber,
                shipmentNumber, warehouseCode, issued);
        outbox.append(tx, event);
        return event;
    }

    @Override
    public PsiEvent receive(Tx tx, TenantId tenant, String orderNumber, String receiptNumber, String warehouseCode,
                            List<Lines.Priced> lines, @Nullable String eventId) throws SQLException {
        var ctx = new MovementContext(tenant, null, PURCHASE_ORDER, orderNumber, eventId, null, clock.instant());
        var received = increaseAll(tx, ctx, warehouseCode, lines, MovementType.RECEIPT);
        var event = new StockEvents.Received(UUID.randomUUID().toString(), tenant.value(), orderNumber, ctx.at(),
                orderNumber, receiptNumber, warehouseCode, received);
        outbox.append(tx, event);
        return event;
    }

    @Override
    public PsiEvent returnIn(Tx tx, TenantId tenant, String orderNumber, String returnNumber, String warehouseCode,
                             List<Lines.Priced> lines, @Nullable String eventId) throws SQLException {
        var ctx = new MovementContext(tenant, null, SALES_ORDER, orderNumber, eventId, null, clock.instant());
        var returned = increaseAll(tx, ctx, warehouseCode, lines, MovementType.RETURN_IN);
        var event = new StockEvents.ReturnedIn(UUID.randomUUID().toString(), tenant.value(), orderNumber, ctx.at(),
                orderNumber, returnNumber, warehouseCode, returned);
        outbox.append(tx, event);
        return event;
    }

    @Override
    public PsiEvent returnOut(Tx tx, TenantId tenant, String orderNumber, String returnNumber, String warehouseCode,
                              List<Lines.Quantity> lines, @Nullable String eventId) throws SQLException {
        var now = clock.instant();
        var ctx = new MovementContext(tenant, null, PURCHASE_ORDER, orderNumber, eventId, null, now);
        var wanted = merge(lines);
        var sortedKeys = new ArrayList<StockKey>();
        for (String sku : wanted.keySet()) {
            sortedKeys.add(keys.resolve(tx, tenant, sku, warehouseCode, "sku", "warehouseCode"));
        }
        sortedKeys.sort(StockKey.LOCK_ORDER);
        try {
            var returned = tx.attempt(t -> {
                var lines2 = new ArrayList<Lines.Priced>();
                var shortages = new ArrayList<Shortage>();
                for (StockKey key : sortedKeys) {
                    BigDecimal quantity = wanted.get(key.sku());
                    var movement = ledger.decrease(t, ctx, key, MovementType.RETURN_OUT, quantity);
                    if (movement.isPresent()) {
                        lines2.add(new Lines.Priced(key.sku(), plain(quantity), plain(movement.get().unitCost())));
                    } else {
                        shortages.add(ledger.shortage(t, ctx, key, quantity));
                    }
                }
                if (!shortages.isEmpty()) {
                    throw new InsufficientStock(shortages);
                }
                return lines2;
            });
            var event = new StockEvents.ReturnedOut(UUID.randomUUID().toString(), tenant.value(), orderNumber, now,
                    orderNumber, returnNumber, warehouseCode, returned);
            outbox.append(tx, event);
            return event;
        } catch (InsufficientStock e) {
            var rejected = new StockEvents.ReturnOutRejected(UUID.randomUUID().toString(), tenant.value(), orderNumber,
                    now, orderNumber, returnNumber, warehouseCode, e.getMessage(), shortLines(e.shortages()));
            outbox.append(tx, rejected);
            return rejected;
        }
    }

    private List<Lines.Priced> increaseAll(Tx tx, MovementContext ctx, String warehouseCode, List<Lines.Priced> lines,
                                           MovementType type) throws SQLException {
        var keyed = new ArrayList<Map.Entry<StockKey, Lines.Priced>>();
        for (var line : lines) {
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                throw ProblemException.invalid("lines", "quantity of " + line.sku() + " must be positive");
            }
            keyed.add(Map.entry(keys.resolve(tx, ctx.tenant(), line.sku(), warehouseCode, "sku", "warehouseCode"), line));
        }
        keyed.sort(Map.Entry.comparingByKey(StockKey.LOCK_ORDER));
        var done = new ArrayList<Lines.Priced>();
        for (var entry : keyed) {
            StockKey key = entry.getKey();
            BigDecimal unitCost = entry.getValue().unitPrice() != null ? entry.getValue().unitPrice() : entryCost(tx, ctx, key);
            ledger.increase(tx, ctx, key, type, entry.getValue().quantity(), unitCost);
            done.add(new Lines.Priced(key.sku(), plain(entry.getValue().quantity()), plain(unitCost)));
        }
        return done;
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

    private BigDecimal entryCost(Tx tx, MovementContext ctx, StockKey key) throws SQLException {
        var balance = ledger.currentBalance(tx, ctx, key);
        return Stocktakes.gainCost(balance.averageCost(), balance.onHand(), key.purchasePrice());
    }

    private void adjusted(Tx tx, MovementContext ctx, String documentType, List<Movement> movements) throws SQLException {
        outbox.append(tx, new StockEvents.Adjusted(UUID.randomUUID().toString(), ctx.tenant().value(),
                ctx.referenceNumber(), ctx.at(), ctx.referenceNumber(), documentType,
                movements.stream().map(m -> new StockEvents.Movement(m.key().sku(), m.key().warehouseCode(),
                        m.type().name(), plain(m.onHandDelta()), plain(m.onHandAfter()))).toList()));
    }

    private static StockEvents.Reserved reserved(MovementContext ctx, String orderNumber, String warehouseCode,
                                                 List<Lines.Quantity> lines) {
        return new StockEvents.Reserved(UUID.randomUUID().toString(), ctx.tenant().value(), orderNumber, ctx.at(),
                orderNumber, warehouseCode, lines);
    }

    private ProblemException insufficient(Tx tx, MovementContext ctx, StockKey key, BigDecimal quantity) {
        try {
            return problem(new InsufficientStock(List.of(ledger.shortage(tx, ctx, key, quantity))));
        } catch (SQLException e) {
            throw new dev.psi.kernel.db.DataAccessException(e);
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

    private static List<Lines.Short> shortLines(List<Shortage> shortages) {
        return shortages.stream().map(s -> new Lines.Short(s.sku(), s.requested(), s.available())).toList();
    }

    private static Map<String, BigDecimal> merge(List<Lines.Quantity> lines) {
        var merged = new LinkedHashMap<String, BigDecimal>();
        for (var line : lines) {
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                throw ProblemException.invalid("lines", "quantity of " + line.sku() + " must be positive");
            }
            merged.merge(line.sku(), line.quantity(), BigDecimal::add);
        }
        return merged;
    }

    private static void requireDistinctSkus(List<String> skus, String field) {
        var seen = new HashSet<String>();
        for (int i = 0; i < skus.size(); i++) {
            if (!seen.add(skus.get(i).toLowerCase())) {
                throw ProblemException.invalid(field + "[" + i + "].sku", "SKU '" + skus.get(i) + "' appears twice");
            }
        }
    }

    private static BigDecimal plain(BigDecimal value) {
        return Decimals.plain(value);
    }
}

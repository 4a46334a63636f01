package dev.psi.order.workflow.api;

import dev.psi.contract.events.Lines;
import dev.psi.contract.events.PsiEvent;
import dev.psi.contract.events.PurchaseOrderEvents;
import dev.psi.contract.events.SalesOrderEvents;
import dev.psi.contract.order.OrderStatus.Purchase;
import dev.psi.contract.order.OrderStatus.Sales;
import dev.psi.contract.order.QuantityLinesRequest;
import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.config.ApprovalThreshold;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.DocumentNumbers;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.events.Outbox;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.ProblemException;
import dev.psi.order.workflow.domain.IllegalTransition;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.domain.LinePlan;
import dev.psi.order.workflow.domain.OrderLineState;
import dev.psi.order.workflow.domain.PurchaseOrderMachine;
import dev.psi.order.workflow.domain.SalesOrderMachine;
import dev.psi.order.workflow.domain.Order;
import dev.psi.order.workflow.store.OrderQueries;
import dev.psi.order.workflow.store.OrderRepository;
import dev.psi.order.workflow.store.StatusCause;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The commands people give orders. Each checks the state machine and the line quantities, puts
 * the quantities in flight and writes the event that asks stock-adjust to act, in one
 * transaction; the order moves on when stock-adjust answers.
 */
@Singleton
final class OrderCommands {

    private final Database database;
    private final OrderRepository store;
    private final OrderQueries queries;
    private final Outbox outbox;
    private final Clock clock;
    private final BigDecimal receiptTolerance;
    private final ApprovalThreshold approvalThreshold;

    OrderCommands(Database database, OrderRepository store, OrderQueries queries, Outbox outbox, Clock clock,
                  @Value("${psi.orders.receipt-tolerance-percent:0}") BigDecimal receiptTolerance,
                  ApprovalThreshold approvalThreshold) {
        this.approvalThreshold = approvalThreshold;
        this.database = database;
        this.store = store;
        this.queries = queries;
        this.outbox = outbox;
        this.clock = clock;
        this.receiptTolerance = receiptTolerance;
    }

    Outcome<Object> ship(TenantId tenant, String number, @Nullable QuantityLinesRequest request, Idempotency once) {
        requireLines(request, "shipped");
        return accepted(tenant, Kind.SALES, number, once, tx -> {
            var order = lock(tx, tenant, Kind.SALES, number);
            guard(() -> SalesOrderMachine.requireShippable(number, order.sales()));
            var plan = plan(order, request, line -> line.open(BigDecimal.ZERO), "shipped");
            String shipment = DocumentNumbers.next(tx, tenant, "SH", clock.instant());
            inFlight(tx, order, plan, false);
            emit(tx, new SalesOrderEvents.ShipmentRequested(id(), tenant.value(), number, clock.instant(), number, shipment,
                    order.warehouseCode(), quantities(plan)));
        });
    }

    Outcome<Object> cancelSales(TenantId tenant, String number, @Nullable String reason, Idempotency once) {
        return accepted(tenant, Kind.SALES, number, once, tx -> {
            var order = lock(tx, tenant, Kind.SALES, number);
            Sales next = guard(() -> SalesOrderMachine.cancel(number, order.sales(), order.anythingDoneOrInFlight()));
            var event = new SalesOrderEvents.Cancelled(id(), tenant.value(), number, clock.instant(), number,
                    order.warehouseCode(), reason);
            store.changeStatus(tx, tenant, order, next, StatusCause.emitted(event, reason));
            emit(tx, event);
        });
    }

    Outcome<Object> returnSales(TenantId tenant, String number, QuantityLinesRequest request, Idempotency once) {
        requireLines(request, "returned");
        return accepted(tenant, Kind.SALES, number, once, tx -> {
            var order = lock(tx, tenant, Kind.SALES, number);
            guard(() -> SalesOrderMachine.requireReturnable(number, order.sales()));
            var plan = plan(order, request, OrderLineState::returnable, "returned");
            String returnNumber = DocumentNumbers.next(tx, tenant, "RT", clock.instant());
            inFlight(tx, order, plan, true);
            // Goods come back at what they cost when they left, so the moving average is not distorted.
            emit(tx, new SalesOrderEvents.ReturnReceived(id(), tenant.value(), number, clock.instant(), number, returnNumber,
                    order.warehouseCode(), priced(plan, OrderLineState::unitCost)));
        });
    }

    Outcome<Object> receive(TenantId tenant, String number, @Nullable QuantityLinesRequest request, Idempotency once) {
        requireLines(request, "received");
        return accepted(tenant, Kind.PURCHASE, number, once, tx -> {
            var order = lock(tx, tenant, Kind.PURCHASE, number);
            guard(() -> PurchaseOrderMachine.requireReceivable(number, order.purchase()));
            var plan = plan(order, request, line -> line.open(receiptTolerance), "received");
            String receipt = DocumentNumbers.next(tx, tenant, "GR", clock.instant());
            inFlight(tx, order, plan, false);
            emit(tx, new PurchaseOrderEvents.GoodsReceived(id(), tenant.value(), number, clock.instant(), number, receipt,
                    order.warehouseCode(), received(plan)));
        });
    }

    Outcome<Object> cancelPurchase(TenantId tenant, String number, @Nullable String reason, Idempotency once) {
        return accepted(tenant, Kind.PURCHASE, number, once, tx -> {
            var order = lock(tx, tenant, Kind.PURCHASE, number);
            Purchase next = guard(() -> PurchaseOrderMachine.cancel(number, order.purchase(),
                    order.anythingDoneOrInFlight()));
            var event = new PurchaseOrderEvents.Cancelled(id(), tenant.value(), number, clock.instant(), number, reason);
            store.changeStatus(tx, tenant, order, next, StatusCause.emitted(event, reason));
            emit(tx, event);
        });
    }

    Outcome<Object> returnPurchase(TenantId tenant, String number, QuantityLinesRequest request, Idempotency once) {
        requireLines(request, "returned");
        return accepted(tenant, Kind.PURCHASE, number, once, tx -> {
            var order = lock(tx, tenant, Kind.PURCHASE, number);
            guard(() -> PurchaseOrderMachine.requireReturnable(number, order.purchase()));
            var plan = plan(order, request, OrderLineState::returnable, "returned");
            String returnNumber = DocumentNumbers.next(tx, tenant, "PR", clock.instant());
            inFlight(tx, order, plan, true);
            emit(tx, new PurchaseOrderEvents.GoodsReturned(id(), tenant.value(), number, clock.instant(), number,
                    returnNumber, order.warehouseCode(), quantities(plan)));
        });
    }

    /**
     * A DRAFT submitted: SUBMITTED (emitting psi.purchase-order.submitted.v1, as a created order does),
     * or PENDING_APPROVAL when its total is above the tenant's approval threshold.
     */
    Outcome<Object> submitPurchase(TenantId tenant, String number, @Nullable Integer expectedVersion,
                                   @Nullable String user, Idempotency once) {
        return accepted(tenant, Kind.PURCHASE, number, once, tx -> {
            var order = lock(tx, tenant, Kind.PURCHASE, number);
            var facts = current(order, store.purchaseFacts(tx, order), expectedVersion);
            BigDecimal threshold = approvalThreshold.of(tx, tenant);
            Purchase next = guard(() -> PurchaseOrderMachine.submit(number, order.purchase(), facts.total(), threshold));
            store.recordSubmitter(tx, order, user);
            if (next == Purchase.SUBMITTED) {
                submitted(tx, tenant, order, facts, null);
            } else {
                store.changeStatus(tx, tenant, order, next, new StatusCause("total " + facts.total().toPlainString()
                        + " is above the approval threshold " + threshold.toPlainString(), null, null));
            }
        });
    }

    /** An order awaiting approval approved by an admin who did not submit it: SUBMITTED. */
    Outcome<Object> approvePurchase(TenantId tenant, String number, @Nullable Integer expectedVersion,
                                    @Nullable String user, Idempotency once) {
        return accepted(tenant, Kind.PURCHASE, number, once, tx -> {
            var order = lock(tx, tenant, Kind.PURCHASE, number);
            var facts = current(order, store.purchaseFacts(tx, order), expectedVersion);
            guard(() -> PurchaseOrderMachine.approve(number, order.purchase()));
            requireSomeoneElse(number, facts, user);
            store.recordDecider(tx, order, user);
            submitted(tx, tenant, order, facts, "approved" + (user == null ? "" : " by " + user));
        });
    }

    /** An order awaiting approval rejected: REJECTED, for good. */
    Outcome<Object> rejectPurchase(TenantId tenant, String number, @Nullable String reason,
                                   @Nullable Integer expectedVersion, @Nullable String user, Idempotency once) {
        return accepted(tenant, Kind.PURCHASE, number, once, tx -> {
            var order = lock(tx, tenant, Kind.PURCHASE, number);
            current(order, store.purchaseFacts(tx, order), expectedVersion);
            Purchase next = guard(() -> PurchaseOrderMachine.reject(number, order.purchase()));
            store.recordDecider(tx, order, user);
            store.changeStatus(tx, tenant, order, next, new StatusCause(
                    "rejected" + (user == null ? "" : " by " + user) + (reason == null ? "" : ": " + reason), null, null));
        });
    }

    private void submitted(Tx tx, TenantId tenant, Order order, OrderRepository.PurchaseFacts facts,
                           @Nullable String reason) throws SQLException {
        var lines = order.lines().stream().map(l -> new Lines.Taxed(l.sku(), l.quantity(), l.unitPrice(), l.unitCost(),
                l.taxRate(), l.netAmount(), l.taxAmount())).toList();
        var event = new PurchaseOrderEvents.Submitted(id(), tenant.value(), order.number(), clock.instant(),
                order.number(), facts.supplierCode(), order.warehouseCode(), facts.expectedDate(), lines);
        store.changeStatus(tx, tenant, order, Purchase.SUBMITTED, StatusCause.emitted(event, reason));
        emit(tx, event);
    }

    /** The If-Match a client sent, when it sent one, against the order's version: 412 when it has changed. */
    private static OrderRepository.PurchaseFacts current(Order order, OrderRepository.PurchaseFacts facts,
                                                         @Nullable Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != facts.version()) {
            throw Etags.stale("Purchase order", order.number(), expectedVersion, facts.version());
        }
        return facts;
    }

    /** Four eyes: whoever submitted an order that needs approval may not approve it. */
    private static void requireSomeoneElse(String number, OrderRepository.PurchaseFacts facts, @Nullable String user) {
        if (user != null && user.equals(facts.submittedBy())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Purchase order " + number + " was submitted by " + user
                    + ", who may not also approve it");
        }
    }

    /** Runs a command on the order in its own transaction and answers with the order as it then stands. */
    private Outcome<Object> accepted(TenantId tenant, Kind kind, String number, Idempotency once, Command command) {
        return database.inTransaction(tx -> once.run(tx, () -> {
            command.run(tx);
            return Outcome.of(queries.order(tx, tenant, kind, number));
        }));
    }

    @FunctionalInterface
    private interface Command {
        void run(Tx tx) throws SQLException;
    }

    private Order lock(Tx tx, TenantId tenant, Kind kind, String number) throws SQLException {
        return store.require(tx, tenant, kind, number);
    }

    /** The request's lines against the order's; no lines at all means all that {@code limit} allows. */
    private static LinePlan.Result plan(Order order, @Nullable QuantityLinesRequest request,
                                        Function<OrderLineState, BigDecimal> limit, String done) {
        boolean theRest = request == null || request.lines() == null;
        var plan = theRest ? LinePlan.rest(order.lines(), limit, done)
                : LinePlan.of(order.lines(), request.lines().stream()
                        .map(l -> new LinePlan.Requested(l.sku(), l.quantity())).toList(), limit, done);
        if (!plan.problems().isEmpty()) {
            var errors = plan.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList();
            if (theRest) {
                throw new ProblemException(ProblemType.CONFLICT, "Nothing on order " + order.number()
                        + " is left to be " + done, errors, Map.of());
            }
            throw ProblemException.invalid(errors);
        }
        return plan;
    }

    /**
     * An explicit empty list of lines is refused before the order is looked at (null elements the
     * request's own validation refuses): it names nothing, and only no lines at all means the rest.
     */
    private static void requireLines(@Nullable QuantityLinesRequest request, String done) {
        if (request != null && request.lines() != null && request.lines().isEmpty()) {
            var empty = LinePlan.empty(done);
            throw ProblemException.invalid(empty.field(), empty.message());
        }
    }

    private void inFlight(Tx tx, Order order, LinePlan.Result plan, boolean isReturn) throws SQLException {
        for (var entry : plan.quantities().entrySet()) {
            store.addPending(tx, order.kind(), entry.getKey(), entry.getValue(), isReturn);
        }
    }

    private void emit(Tx tx, PsiEvent event) throws SQLException {
        outbox.append(tx, event);
    }

    private static List<Lines.Quantity> quantities(LinePlan.Result plan) {
        var lines = new ArrayList<Lines.Quantity>();
        plan.quantities().forEach((line, quantity) -> lines.add(new Lines.Quantity(line.sku(), quantity)));
        return lines;
    }

    private static List<Lines.Priced> priced(LinePlan.Result plan, Function<OrderLineState, BigDecimal> price) {
        var lines = new ArrayList<Lines.Priced>();
        plan.quantities().forEach((line, quantity) -> lines.add(new Lines.Priced(line.sku(), quantity, price.apply(line))));
        return lines;
    }

    /** A receipt's lines at the order lines' net unit prices (the moving average's input) and tax rates. */
    private static List<Lines.Taxed> received(LinePlan.Result plan) {
        var lines = new ArrayList<Lines.Taxed>();
        plan.quantities().forEach((line, quantity) -> lines.add(new Lines.Taxed(line.sku(), quantity, line.unitPrice(),
                line.unitCost(), line.taxRate(), null, null)));
        return lines;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static <T> T guard(java.util.function.Supplier<T> transition) {
        try {
            return transition.get();
        } catch (IllegalTransition e) {
            throw new ProblemException(ProblemType.ILLEGAL_TRANSITION, e.getMessage());
        }
    }

    private static void guard(Runnable check) {
        guard(() -> {
            check.run();
            return null;
        });
    }
}

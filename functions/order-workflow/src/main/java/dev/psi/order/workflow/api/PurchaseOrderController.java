package dev.psi.order.workflow.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.order.PurchaseOrder;
import dev.psi.contract.order.QuantityLinesRequest;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Defaulted;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.PageRequest;
import dev.psi.kernel.web.ProblemResponses;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.store.OrderQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;

@Controller("/api/purchase-orders")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "purchase orders")
class PurchaseOrderController {

    private final OrderCommands commands;
    private final OrderQueries queries;
    private final OrderEndpoints endpoints;

    PurchaseOrderController(OrderCommands commands, OrderQueries queries, OrderEndpoints endpoints) {
        this.commands = commands;
        this.queries = queries;
        this.endpoints = endpoints;
    }

    @Operation(summary = "A purchase order with its lines, status history and the events that moved it")
    @Get("/{number}")
    HttpResponse<PurchaseOrder> get(@FromCredentials TenantId tenant, String number) {
        return Etags.ok(queries.purchase(tenant, number));
    }

    @Operation(summary = "Purchase orders, newest first", description = "Filters: status, supplierCode, warehouseCode, from and to (dates), q (number or note); sort: createdAt, updatedAt, number, status, totalAmount ('-' for descending, default -createdAt).")
    @Get
    Page<PurchaseOrder> list(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page, @QueryValue(defaultValue = "20") @Defaulted int size,
                             @QueryValue @Nullable String status, @QueryValue @Nullable String supplierCode,
                             @QueryValue @Nullable String warehouseCode, @QueryValue @Nullable LocalDate from,
                             @QueryValue @Nullable LocalDate to, @QueryValue @Nullable String q,
                          @QueryValue @Nullable String sort) {
        return queries.listPurchases(tenant, PageRequest.of(page, size),
                new OrderQueries.ListFilter(OrderEndpoints.status(Kind.PURCHASE, status), supplierCode, warehouseCode, from, to, q, sort));
    }

    @Operation(summary = "Receive goods (partial receipts allowed)", description = "lines[{sku, quantity}], or no lines"
            + " to receive all that is open. Over-receipt beyond the configured tolerance is refused. Answers 202: the order"
            + " becomes PARTIALLY_RECEIVED or RECEIVED when stock-adjust has taken the goods in at the line price.")
    @Post("/{number}/receipts")
    HttpResponse<?> receive(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                            @Body @Valid @Nullable QuantityLinesRequest request) {
        var once = endpoints.accepted(tenant, Kind.PURCHASE, number, "receive", key, request);
        return once.respond(() -> commands.receive(tenant, number, request, once));
    }

    @Operation(summary = "Submit a draft (replenish makes them)", description = "DRAFT -> SUBMITTED, emitting"
            + " psi.purchase-order.submitted.v1; or DRAFT -> PENDING_APPROVAL when the total is above the approval"
            + " threshold (the tenant's, else PSI_PO_APPROVAL_THRESHOLD). If-Match (the order's ETag) is checked when sent.")
    @Post("/{number}/submit")
    HttpResponse<?> submit(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                           @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch, @Nullable Authentication user) {
        Integer version = Etags.optionalVersion(ifMatch);
        var once = endpoints.accepted(tenant, Kind.PURCHASE, number, "submit", key, null);
        return once.respond(() -> commands.submitPurchase(tenant, number, version, name(user), once));
    }

    @Operation(summary = "Approve an order awaiting approval (admin)", description = "PENDING_APPROVAL -> SUBMITTED,"
            + " emitting psi.purchase-order.submitted.v1. Whoever submitted the order may not approve it (403).")
    @Post("/{number}/approve")
    HttpResponse<?> approve(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                            @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch, @Nullable Authentication user) {
        Integer version = Etags.optionalVersion(ifMatch);
        var once = endpoints.accepted(tenant, Kind.PURCHASE, number, "approve", key, null);
        return once.respond(() -> commands.approvePurchase(tenant, number, version, name(user), once));
    }

    @Operation(summary = "Reject an order awaiting approval (admin)", description = "PENDING_APPROVAL -> REJECTED, with an optional reason.")
    @Post("/{number}/reject")
    HttpResponse<?> reject(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                           @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch, @Nullable Authentication user,
                           @Body @Valid @Nullable CancelRequest request) {
        Integer version = Etags.optionalVersion(ifMatch);
        var once = endpoints.accepted(tenant, Kind.PURCHASE, number, "reject", key, request);
        return once.respond(() -> commands.rejectPurchase(tenant, number, CancelRequest.reasonOf(request), version,
                name(user), once));
    }

    /** The caller's name (the token's subject); null in local mode, where nobody signs in. */
    private static @Nullable String name(@Nullable Authentication user) {
        return user == null ? null : user.getName();
    }

    @Operation(summary = "Cancel an order of which nothing has been received")
    @Post("/{number}/cancel")
    HttpResponse<?> cancel(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                           @Body @Valid @Nullable CancelRequest request) {
        var once = endpoints.accepted(tenant, Kind.PURCHASE, number, "cancel", key, request);
        return once.respond(() -> commands.cancelPurchase(tenant, number, CancelRequest.reasonOf(request), once));
    }

    @Operation(summary = "Return goods to the supplier", description = "At most what was received and not yet returned;"
            + " refused by stock-adjust when the goods are no longer available.")
    @Post("/{number}/returns")
    HttpResponse<?> returns(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                            @Body @Valid QuantityLinesRequest request) {
        var once = endpoints.accepted(tenant, Kind.PURCHASE, number, "return", key, request);
        return once.respond(() -> commands.returnPurchase(tenant, number, request, once));
    }
}

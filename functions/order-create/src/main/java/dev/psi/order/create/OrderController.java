package dev.psi.order.create;

import dev.psi.contract.order.PurchaseOrderRequest;
import dev.psi.contract.order.SalesOrderRequest;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.metrics.BusinessMetrics;
import dev.psi.kernel.tenant.FromCredentials;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.function.Supplier;

@Controller("/api")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "orders")
class OrderController {

    private final OrderCreation orders;
    private final IdempotentRequests idempotent;
    private final BusinessMetrics metrics;

    OrderController(OrderCreation orders, IdempotentRequests idempotent, BusinessMetrics metrics) {
        this.orders = orders;
        this.idempotent = idempotent;
        this.metrics = metrics;
    }

    @Operation(summary = "Submit a purchase order", description = "Stored SUBMITTED; emits psi.purchase-order.submitted.v1."
            + " An order whose total is above the approval threshold (the tenant's, else PSI_PO_APPROVAL_THRESHOLD) is stored"
            + " PENDING_APPROVAL instead and emits nothing until an admin approves it.")
    @Post("/purchase-orders")
    HttpResponse<?> purchase(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                             @Body @Valid PurchaseOrderRequest request, @Nullable Authentication user) {
        String submitter = user == null ? null : user.getName();
        return counted("purchase", () -> {
            var once = idempotent.of(tenant, "order.purchase.create", idempotencyKey, request, HttpStatus.CREATED);
            return once.respond(() -> orders.purchase(tenant, request, submitter, once));
        });
    }

    @Operation(summary = "Place a sales order",
            description = "Stored PLACED; emits psi.sales-order.placed.v1, after which stock-adjust reserves every"
                    + " line or none and the order becomes CONFIRMED or REJECTED. unitPrice defaults to the sale price.")
    @Post("/sales-orders")
    HttpResponse<?> sales(@FromCredentials TenantId tenant, @Header(IdempotentRequests.HEADER) @Nullable String idempotencyKey,
                          @Body @Valid SalesOrderRequest request) {
        return counted("sales", () -> {
            var once = idempotent.of(tenant, "order.sales.create", idempotencyKey, request, HttpStatus.CREATED);
            return once.respond(() -> orders.sales(tenant, request, once));
        });
    }

    private HttpResponse<?> counted(String kind, Supplier<HttpResponse<?>> create) {
        try {
            return create.get();
        } catch (ProblemException e) {
            metrics.orderRefused(kind);
            throw e;
        }
    }
}

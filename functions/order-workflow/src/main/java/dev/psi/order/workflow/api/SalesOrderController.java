package dev.psi.order.workflow.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.order.QuantityLinesRequest;
import dev.psi.contract.order.SalesOrder;
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
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;

@Controller("/api/sales-orders")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sales orders")
class SalesOrderController {

    private final OrderCommands commands;
    private final OrderQueries queries;
    private final OrderEndpoints endpoints;

    SalesOrderController(OrderCommands commands, OrderQueries queries, OrderEndpoints endpoints) {
        this.commands = commands;
        this.queries = queries;
        this.endpoints = endpoints;
    }

    @Operation(summary = "A sales order with its lines, status history and the events that moved it")
    @Get("/{number}")
    HttpResponse<SalesOrder> get(@FromCredentials TenantId tenant, String number) {
        return Etags.ok(queries.sales(tenant, number));
    }

    @Operation(summary = "Sales orders, newest first", description = "Filters: status, customerCode, warehouseCode, from and to (dates), q (number or note); sort: createdAt, updatedAt, number, status, totalAmount ('-' for descending, default -createdAt).")
    @Get
    Page<SalesOrder> list(@FromCredentials TenantId tenant, @QueryValue(defaultValue = "0") @Defaulted int page, @QueryValue(defaultValue = "20") @Defaulted int size,
                          @QueryValue @Nullable String status, @QueryValue @Nullable String customerCode,
                          @QueryValue @Nullable String warehouseCode, @QueryValue @Nullable LocalDate from,
                          @QueryValue @Nullable LocalDate to, @QueryValue @Nullable String q,
                          @QueryValue @Nullable String sort) {
        return queries.listSales(tenant, PageRequest.of(page, size),
                new OrderQueries.ListFilter(OrderEndpoints.status(Kind.SALES, status), customerCode, warehouseCode, from, to, q, sort));
    }

    @Operation(summary = "Ship a confirmed order", description = "lines[{sku, quantity}], or no lines to ship all that is left."
            + " Answers 202: the order becomes PARTIALLY_SHIPPED or SHIPPED when stock-adjust has issued the goods.")
    @Post("/{number}/shipments")
    HttpResponse<?> ship(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                         @Body @Valid @Nullable QuantityLinesRequest request) {
        var once = endpoints.accepted(tenant, Kind.SALES, number, "ship", key, request);
        return once.respond(() -> commands.ship(tenant, number, request, once));
    }

    @Operation(summary = "Cancel a PLACED or CONFIRMED order", description = "Answers 202 with the order CANCELLING;"
            + " it becomes CANCELLED when its reservation has been released.")
    @Post("/{number}/cancel")
    HttpResponse<?> cancel(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                           @Body @Valid @Nullable CancelRequest request) {
        var once = endpoints.accepted(tenant, Kind.SALES, number, "cancel", key, request);
        return once.respond(() -> commands.cancelSales(tenant, number, CancelRequest.reasonOf(request), once));
    }

    @Operation(summary = "Take goods back from the customer", description = "At most what was shipped and not yet returned;"
            + " stock comes back in at its issue cost.")
    @Post("/{number}/returns")
    HttpResponse<?> returns(@FromCredentials TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                            @Body @Valid QuantityLinesRequest request) {
        var once = endpoints.accepted(tenant, Kind.SALES, number, "return", key, request);
        return once.respond(() -> commands.returnSales(tenant, number, request, once));
    }
}

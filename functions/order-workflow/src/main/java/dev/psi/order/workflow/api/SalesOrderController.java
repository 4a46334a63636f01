package dev.psi.order.workflow.api;

import dev.psi.contract.common.Page;
import dev.psi.contract.order.QuantityLinesRequest;
import dev.psi.contract.order.SalesOrder;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Etags;
import dev.psi.kernel.web.PageRequest;
import dev.psi.order.workflow.store.OrderStore;
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
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sales orders")
class SalesOrderController {

    private final OrderCommands commands;
    private final OrderStore store;
    private final Database database;
    private final AcceptedCommands accepted;

    SalesOrderController(OrderCommands commands, OrderStore store, Database database, AcceptedCommands accepted) {
        this.commands = commands;
        this.store = store;
        this.database = database;
        this.accepted = accepted;
    }

    @Operation(summary = "A sales order with its lines, status history and the events that moved it")
    @Get("/{number}")
    HttpResponse<SalesOrder> get(TenantId tenant, String number) {
        var order = database.read(tx -> store.sales(tx, tenant, number, true));
        return Etags.ok(order);
    }

    @Operation(summary = "Sales orders, newest first", description = "Filters: status, customerCode, warehouseCode, from and to (dates), q (number or note).")
    @Get
    Page<SalesOrder> list(TenantId tenant, @QueryValue(defaultValue = "0") int page, @QueryValue(defaultValue = "20") int size,
                          @QueryValue @Nullable String status, @QueryValue @Nullable String customerCode,
                          @QueryValue @Nullable String warehouseCode, @QueryValue @Nullable LocalDate from,
                          @QueryValue @Nullable LocalDate to, @QueryValue @Nullable String q) {
        var request = PageRequest.of(page, size);
        return database.read(tx -> store.listSales(tx, tenant, request,
                new OrderStore.ListFilter(status, customerCode, warehouseCode, from, to, q)));
    }

    @Operation(summary = "Ship a confirmed order", description = "lines[{sku, quantity}], or no lines to ship all that is left."
            + " Answers 202: the order becomes PARTIALLY_SHIPPED or SHIPPED when stock-adjust has issued the goods.")
    @Post("/{number}/shipments")
    HttpResponse<?> ship(TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                         @Body @Valid @Nullable QuantityLinesRequest request) {
        return command(tenant, number, "ship", key, request, tx -> commands.ship(tx, tenant, number, request));
    }

    @Operation(summary = "Cancel a PLACED or CONFIRMED order", description = "Answers 202 with the order CANCELLING;"
            + " it becomes CANCELLED when its reservation has been released.")
    @Post("/{number}/cancel")
    HttpResponse<?> cancel(TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                           @Body @Valid @Nullable CancelRequest request) {
        String reason = request == null ? null : request.reason();
        return command(tenant, number, "cancel", key, request, tx -> commands.cancelSales(tx, tenant, number, reason));
    }

    @Operation(summary = "Take goods back from the customer", description = "At most what was shipped and not yet returned;"
            + " stock comes back in at its issue cost.")
    @Post("/{number}/returns")
    HttpResponse<?> returns(TenantId tenant, String number, @Header(IdempotentRequests.HEADER) @Nullable String key,
                            @Body @Valid QuantityLinesRequest request) {
        return command(tenant, number, "return", key, request, tx -> commands.returnSales(tx, tenant, number, request));
    }

    private HttpResponse<?> command(TenantId tenant, String number, String name, @Nullable String key, @Nullable Object request,
                                    AcceptedCommands.Command command) {
        return accepted.run(tenant, "order.sales." + name + ":" + number, key, request, command,
                tx -> store.sales(tx, tenant, number, false));
    }
}

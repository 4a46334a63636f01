package dev.psi.order.workflow.api;

import dev.psi.contract.order.OrderStatus;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ListParams;
import dev.psi.order.workflow.domain.Kind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

/**
 * What the purchase and sales order commands share over HTTP: each runs once per Idempotency-Key
 * (scoped to the order and the command) and answers 202 Accepted with the order as it stands,
 * because its effect on stock follows asynchronously.
 */
@Singleton
final class OrderEndpoints {

    private final IdempotentRequests idempotent;

    OrderEndpoints(IdempotentRequests idempotent) {
        this.idempotent = idempotent;
    }

    /** A list's {@code status} filter as the kind's state (any case); anything else is a 400 naming the states. */
    static @Nullable Enum<?> status(Kind kind, @Nullable String status) {
        return kind == Kind.SALES ? ListParams.oneOf("status", status, OrderStatus.Sales.class)
                : ListParams.oneOf("status", status, OrderStatus.Purchase.class);
    }

    /** The idempotency of command {@code name} (ship, receive, cancel, return) on one order. */
    Idempotency accepted(TenantId tenant, Kind kind, String number, String name, @Nullable String key,
                         @Nullable Object request) {
        return idempotent.of(tenant, "order." + kind.label + "." + name + ":" + number, key,
                request == null ? "" : request, HttpStatus.ACCEPTED);
    }
}

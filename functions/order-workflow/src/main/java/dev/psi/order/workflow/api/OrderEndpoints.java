package dev.psi.order.workflow.api;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.idempotency.IdempotentRequests.Created;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.Etags;
import dev.psi.order.workflow.domain.Kind;
import dev.psi.order.workflow.store.OrderQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * What the purchase and sales order endpoints share: an order read with its ETag, and a command
 * run once per Idempotency-Key that answers 202 Accepted with the order as it stands (the
 * command's effect on stock follows asynchronously).
 */
@Singleton
final class OrderEndpoints {

    @FunctionalInterface
    interface Command {
        void run(Tx tx) throws SQLException;
    }

    private final IdempotentRequests idempotent;
    private final OrderQueries queries;

    OrderEndpoints(IdempotentRequests idempotent, OrderQueries queries) {
        this.idempotent = idempotent;
        this.queries = queries;
    }

    /** 200 with the order and its version as ETag. */
    static <T> HttpResponse<T> withEtag(T order, int version) {
        return HttpResponse.ok(order).header(HttpHeaders.ETAG, Etags.of(version));
    }

    /** Runs {@code command} (named {@code name}, e.g. ship) on the order and answers 202 with the order. */
    HttpResponse<?> accept(TenantId tenant, Kind kind, String number, String name, @Nullable String key,
                           @Nullable Object request, Command command) {
        String scope = "order." + kind.label + "." + name + ":" + number;
        return idempotent.execute(tenant, scope, key, request == null ? "" : request, HttpStatus.ACCEPTED, tx -> {
            command.run(tx);
            return new Created<>(queries.order(tx, tenant, kind, number), null);
        });
    }
}

package dev.psi.order.workflow.api;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.idempotency.IdempotentRequests.Created;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * Runs an order command once per Idempotency-Key and answers 202 Accepted with the order as it
 * stands: the command's effect on stock follows asynchronously.
 */
@Singleton
final class AcceptedCommands {

    @FunctionalInterface
    interface Command {
        void run(Tx tx) throws SQLException;
    }

    @FunctionalInterface
    interface Reader {
        Object read(Tx tx) throws SQLException;
    }

    private final IdempotentRequests idempotent;

    AcceptedCommands(IdempotentRequests idempotent) {
        this.idempotent = idempotent;
    }

    HttpResponse<?> run(TenantId tenant, String scope, @Nullable String key, @Nullable Object request, Command command,
                        Reader order) {
        return idempotent.execute(tenant, scope, key, request == null ? "" : request, HttpStatus.ACCEPTED, tx -> {
            command.run(tx);
            return new Created<>(order.read(tx), null);
        });
    }
}

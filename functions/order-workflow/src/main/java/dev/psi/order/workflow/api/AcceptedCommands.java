package dev.psi.order.workflow.api;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.idempotency.Outcome;
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
    private final Database database;

    AcceptedCommands(IdempotentRequests idempotent, Database database) {
        this.idempotent = idempotent;
        this.database = database;
    }

    HttpResponse<?> run(TenantId tenant, String scope, @Nullable String key, @Nullable Object request, Command command,
                        Reader order) {
        var once = idempotent.of(tenant, scope, key, request == null ? "" : request, HttpStatus.ACCEPTED);
        return once.respond(() -> database.inTransaction(tx -> once.run(tx, () -> {
            command.run(tx);
            return Outcome.of(order.read(tx));
        })));
    }
}

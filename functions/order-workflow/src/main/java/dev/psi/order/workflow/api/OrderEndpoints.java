package dev.psi.order.workflow.api;

import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import dev.psi.order.workflow.domain.Kind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /**
     * A list's {@code status} filter as the kind's state (any case); anything else is a 400 naming
     * the states. (Local until the kernel's list parameters cover enum filters.)
     */
    static @Nullable Enum<?> status(Kind kind, @Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return kind.status(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "must be one of " + Arrays.stream(kind.statuses())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The idempotency of command {@code name} (ship, receive, cancel, return) on one order. */
    Idempotency accepted(TenantId tenant, Kind kind, String number, String name, @Nullable String key,
                         @Nullable Object request) {
        return idempotent.of(tenant, "order." + kind.label + "." + name + ":" + number, key,
                request == null ? "" : request, HttpStatus.ACCEPTED);
    }
}

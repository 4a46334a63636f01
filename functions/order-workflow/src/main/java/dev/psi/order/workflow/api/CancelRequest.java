package dev.psi.order.workflow.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

/** Why an order is cancelled (optional). */
@Serdeable
record CancelRequest(@Nullable @Size(max = 1000) String reason) {

    static @Nullable String reasonOf(@Nullable CancelRequest request) {
        return request == null ? null : request.reason();
    }
}

package dev.psi.kernel.events;

import io.micronaut.serde.annotation.Serdeable;

/** The 2xx answer of {@code POST /events}: {@code outcome} is applied, duplicate or ignored. */
@Serdeable
public record EventReceipt(String outcome, String id, String type) {
}

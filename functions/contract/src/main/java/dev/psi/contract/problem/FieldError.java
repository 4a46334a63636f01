package dev.psi.contract.problem;

import io.micronaut.serde.annotation.Serdeable;

/** One invalid field of a request: a JSON path such as {@code lines[2].quantity}, and why. */
@Serdeable
public record FieldError(String field, String message) {
}

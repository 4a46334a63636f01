package dev.psi.contract.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 * {@code errors} lists field errors; {@code context} carries machine-readable facts of a business
 * rejection (for stock: sku, warehouseCode, requested and available quantities), written as
 * top-level extension members as RFC 9457 §3.2 has them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable List<FieldError> errors,
        @JsonAnyGetter @Nullable Map<String, Object> context) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}

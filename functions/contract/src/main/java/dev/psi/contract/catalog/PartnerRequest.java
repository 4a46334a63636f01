package dev.psi.contract.catalog;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Creates or replaces a supplier or a customer. */
@Serdeable
public record PartnerRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String code,
        @NotBlank @Chars(max = 200) String name,
        @Nullable @Chars(max = 200) String contact,
        @Nullable @Size(max = 64) @Pattern(regexp = "[0-9+()./ -]*", message = "must be a phone number") String phone,
        @Nullable @Chars(max = 254) @Email String email,
        @Nullable @Chars(max = 500) String address,
        @Nullable Integer version) {
}

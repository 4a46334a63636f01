package dev.psi.kernel.web;

import dev.psi.contract.validation.Chars;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** {@link Chars}: counts code points, as a utf8mb4 VARCHAR does. */
@Singleton
final class CharsValidator implements ConstraintValidator<Chars, CharSequence> {

    @Override
    public boolean isValid(@Nullable CharSequence value, @NonNull AnnotationValue<Chars> annotation,
                           @NonNull ConstraintValidatorContext context) {
        return value == null
                || Character.codePointCount(value, 0, value.length()) <= annotation.intValue("max").orElse(Integer.MAX_VALUE);
    }
}

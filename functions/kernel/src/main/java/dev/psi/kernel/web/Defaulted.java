package dev.psi.kernel.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query parameter with a {@code defaultValue} bound to a primitive ({@code page}, {@code size}, a flag): it may be
 * left out. micronaut-openapi marks every primitive parameter required; this says, in the OpenAPI documents, that
 * it is not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(required = false)
public @interface Defaulted {
}

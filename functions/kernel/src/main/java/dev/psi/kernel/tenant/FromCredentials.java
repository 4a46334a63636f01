package dev.psi.kernel.tenant;

import io.swagger.v3.oas.annotations.Parameter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller's {@link TenantId}: bound from the caller's token (in local mode, its {@code X-Tenant-Id}
 * header) by {@link TenantArgumentBinder}, never from the request's query or body. The generated OpenAPI
 * documents leave it out (micronaut-openapi would otherwise list it as a required query parameter, which
 * {@code StrictRequests} refuses); the bearer scheme they declare is where the tenant comes from.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(hidden = true)
public @interface FromCredentials {
}

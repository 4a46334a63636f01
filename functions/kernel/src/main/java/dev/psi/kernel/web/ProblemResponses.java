package dev.psi.kernel.web;

import dev.psi.contract.problem.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller: every one of its operations answers a refusal as an RFC 9457 {@link Problem}
 * ({@link ProblemErrorResponseProcessor}), and its OpenAPI document says so once for all of them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(responseCode = "4XX", description = "Refused, as an RFC 9457 problem: 400 malformed or invalid (the"
        + " fields named in errors), 401 no or a bad token, 403 the token's roles do not allow it, 404 not found,"
        + " 409 a conflict (a state, a duplicate, an Idempotency-Key reused with another body), 412 a stale If-Match,"
        + " 413 too large, 415 not JSON, 429 rate-limited (Retry-After)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "503 while a dependency (database) is down, with Retry-After;"
        + " 500 for a fault of ours, logged with the request id",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface ProblemResponses {
}

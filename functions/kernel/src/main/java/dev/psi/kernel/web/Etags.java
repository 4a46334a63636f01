package dev.psi.kernel.web;

import dev.psi.contract.problem.ProblemType;
import dev.psi.contract.common.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

/**
 * Optimistic locking over HTTP: a resource's ETag is its version; an update must name the version
 * it read, in {@code If-Match} or as {@code version} in the body, or it is refused with 428.
 */
public final class Etags {

    private Etags() {
    }

    public static String of(int version) {
        return "\"" + version + "\"";
    }

    /** 200 with {@code resource} and its ETag. */
    public static <T extends Versioned> MutableHttpResponse<T> ok(T resource) {
        return HttpResponse.ok(resource).header(HttpHeaders.ETAG, of(resource.version()));
    }

    /** {@code response} (of a create or its replay) with the ETag of a new resource: always version 0. */
    public static <T> MutableHttpResponse<T> created(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.ETAG, of(0));
    }

    /** The version the client expects, from If-Match (preferred) or the body. */
    public static int expectedVersion(@Nullable String ifMatch, @Nullable Integer bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                        "If-Match '" + ifMatch + "' is not an ETag this service issued");
            }
        }
        if (bodyVersion != null) {
            return bodyVersion;
        }
        throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                "Send the ETag you read in If-Match (or its number as 'version') so that concurrent edits are not lost");
    }

    /** The version named by If-Match, or null when the client sent none (for operations that allow that). */
    public static Integer optionalVersion(@Nullable String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : expectedVersion(ifMatch, null);
    }

    public static ProblemException stale(String what, String key, int expected, int actual) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                what + " '" + key + "' is at version " + actual + ", not " + expected + "; read it again and retry",
                java.util.List.of(), java.util.Map.of("currentVersion", actual));
    }
}

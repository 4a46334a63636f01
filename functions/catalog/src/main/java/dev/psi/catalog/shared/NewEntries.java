package dev.psi.catalog.shared;

import dev.psi.kernel.web.Etags;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;

public final class NewEntries {

    private NewEntries() {
    }

    /** A new entry is always version 0 (and a replay answers the first response), so its ETag is known. */
    public static HttpResponse<?> created(MutableHttpResponse<?> response) {
        return response.header(HttpHeaders.ETAG, Etags.of(0));
    }
}

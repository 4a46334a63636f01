package dev.psi.kernel.events;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/** A blocking exchange that returns 4xx and 5xx answers instead of throwing them. */
final class TestHttp {

    record Answer(int status, String contentType, String body) {
    }

    private TestHttp() {
    }

    static Answer exchange(BlockingHttpClient client, HttpRequest<?> request) {
        try {
            var response = client.exchange(request, Argument.STRING, Argument.STRING);
            return new Answer(response.getStatus().getCode(), response.getContentType().map(Object::toString).orElse(null),
                    response.getBody(String.class).orElse(null));
        } catch (HttpClientResponseException e) {
            return new Answer(e.getStatus().getCode(), e.getResponse().getContentType().map(Object::toString).orElse(null),
                    e.getResponse().getBody(String.class).orElse(null));
        }
    }
}

package dev.psi.catalog;

import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.Problem;
import dev.psi.testing.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog as a client sees it: requests on behalf of one tenant (a token with every role for
 * it; no token at all for a null tenant), answered with status, headers
 * and body whatever the status (the Micronaut client throws on 4xx and 5xx; tests want to look).
 */
final class CatalogApi {

    static final String TENANT_HEADER = "X-Tenant-Id";

    private final BlockingHttpClient http;
    private final JsonMapper json;
    private final String tenant;

    CatalogApi(HttpClient client, JsonMapper json, String tenant) {
        this(client.toBlocking(), json, tenant);
    }

    private CatalogApi(BlockingHttpClient http, JsonMapper json, String tenant) {
        this.http = http;
        this.json = json;
        this.tenant = tenant;
    }

    /** A tenant id no other test uses, so tests never see each other's rows. */
    static String aNewTenant() {
        return "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    String tenant() {
        return tenant;
    }

    /** The same client acting for another tenant. */
    CatalogApi forTenant(String otherTenant) {
        return new CatalogApi(http, json, otherTenant);
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.GET(path), headers);
    }

    Reply post(String path, Object body, String... headers) {
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), headers);
    }

    Reply put(String path, Object body, String... headers) {
        return send(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), headers);
    }

    Reply delete(String path, String... headers) {
        return send(HttpRequest.DELETE(path), headers);
    }

    /** POST with a raw body of the given content type, sent byte for byte. */
    Reply postRaw(String path, String contentType, String body, String... headers) {
        return send(HttpRequest.POST(path, body).contentType(contentType), headers);
    }

    /** Sends {@code request} with this tenant's header and extra headers given as name, value pairs. */
    Reply send(MutableHttpRequest<?> request, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        if (tenant != null) {
            request.header(TENANT_HEADER, tenant);
            request.bearerAuth(TestTokens.token(tenant, TestTokens.ALL_ROLES.toArray(String[]::new)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = http.exchange(request, Argument.STRING, Argument.STRING);
            return new Reply(response.code(), response.getHeaders(), response.getBody(String.class).orElse(""), json);
        } catch (HttpClientResponseException e) {
            var response = e.getResponse();
            return new Reply(response.code(), response.getHeaders(), response.getBody(String.class).orElse(""), json);
        }
    }

    record Reply(int status, HttpHeaders headers, String body, JsonMapper json) {

        String header(String name) {
            return headers.get(name);
        }

        String contentType() {
            return headers.get(HttpHeaders.CONTENT_TYPE);
        }

        <T> T as(Class<T> type) {
            return read(Argument.of(type));
        }

        <T> T read(Argument<T> type) {
            try {
                return json.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not " + type + ": " + body, e);
            }
        }

        Map<String, Object> map() {
            return read(Argument.mapOf(String.class, Object.class));
        }

        Problem problem() {
            return as(Problem.class);
        }

        /** The fields named by the problem's field errors. */
        List<String> errorFields() {
            return problem().errors().stream().map(FieldError::field).toList();
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }
}

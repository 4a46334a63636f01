package dev.psi.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A function's HTTP API as a client sees it: JSON in and out, and on every call a bearer token for
 * the tenant (by default with every role; see {@link #withRoles}) and the tenant header (which only
 * local mode reads). Never throws for an error status, so tests assert on status and problem bodies alike.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    private final String tenant;
    private final String secret;
    private final String authorization;

    /** A client for {@code tenant} with a token signed with this JVM's test secret ({@link TestTokens#secret()}). */
    public Api(URI base, String tenant) {
        this(base, tenant, TestTokens.secret());
    }

    /** A client for {@code tenant} with tokens signed with {@code secret}, the one the functions at {@code base} verify with. */
    public Api(URI base, String tenant, String secret) {
        this(base, tenant, secret, bearer(secret, tenant, TestTokens.ALL_ROLES));
    }

    private Api(URI base, String tenant, String secret, String authorization) {
        this.base = base;
        this.tenant = tenant;
        this.secret = secret;
        this.authorization = authorization;
    }

    /** The same client for another tenant; for a null tenant, with neither token nor tenant header. */
    public Api as(String otherTenant) {
        return otherTenant == null ? new Api(base, null, secret, null) : new Api(base, otherTenant, secret);
    }

    public String tenant() {
        return tenant;
    }

    /** The same tenant with a token that carries only {@code roles}. */
    public Api withRoles(String... roles) {
        return new Api(base, tenant, secret, bearer(secret, tenant, List.of(roles)));
    }

    /** The same tenant with this Authorization header value, or none when null. */
    public Api withAuthorization(String value) {
        return new Api(base, tenant, secret, value);
    }

    /** The event sources' view: this internal credential instead of a user's token. */
    public Api internal(String internalToken) {
        return withAuthorization("Bearer " + internalToken);
    }

    /** The event sources' view with this JVM's test credential ({@link TestTokens#internal()}). */
    public Api internal() {
        return internal(TestTokens.internal());
    }

    /**
     * Posts {@code body} to {@code /events} of this client's tenant as a KafkaSource delivers it: a binary-mode
     * CloudEvent with the internal credential (the event sources' view, whatever this client's token).
     */
    public Response deliverEvent(String id, String type, String source, Instant time, Object body) {
        return internal().send("POST", "/events", write(body),
                "Content-Type", "application/json",
                "ce-specversion", "1.0",
                "ce-id", id,
                "ce-source", source,
                "ce-type", type,
                "ce-time", time.toString(),
                "ce-tenantid", tenant);
    }

    private static String bearer(String secret, String tenant, List<String> roles) {
        return "Bearer " + TestTokens.token(secret, tenant, "test-user", roles, Duration.ofHours(2));
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    /** Sends {@code body} (a String is sent as is, anything else as JSON). Headers come as name, value pairs. */
    public Response send(String method, String path, Object body, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers come in name, value pairs");
        }
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (tenant != null) {
            request.header("X-Tenant-Id", tenant);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        boolean hasContentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            hasContentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !hasContentType) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: status, headers and the body, readable as JSON. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public Map<String, Object> json() {
            return read(Argument.mapOf(String.class, Object.class));
        }

        /** The body read as {@code type} (a contract record, say). */
        public <T> T as(Class<T> type) {
            return read(Argument.of(type));
        }

        public <T> T read(Argument<T> type) {
            try {
                return JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("not " + type + " (" + status + "): " + body, e);
            }
        }

        /** The fields named by a problem's field errors, in order. */
        public List<String> errorFields() {
            List<Object> errors = list("errors");
            return errors == null ? List.of()
                    : errors.stream().map(e -> String.valueOf(((Map<?, ?>) e).get("field"))).toList();
        }

        /** A value at a dotted path such as {@code total.onHand} or {@code lines.0.sku}. */
        public Object at(String path) {
            Object current = json();
            for (String part : path.split("\\.")) {
                if (current instanceof Map<?, ?> map) {
                    current = map.get(part);
                } else if (current instanceof List<?> list) {
                    current = list.get(Integer.parseInt(part));
                } else {
                    return null;
                }
            }
            return current;
        }

        public String text(String path) {
            Object value = at(path);
            return value == null ? null : String.valueOf(value);
        }

        public BigDecimal decimal(String path) {
            Object value = at(path);
            return value == null ? null : new BigDecimal(String.valueOf(value));
        }

        @SuppressWarnings("unchecked")
        public List<Object> list(String path) {
            return (List<Object>) at(path);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}

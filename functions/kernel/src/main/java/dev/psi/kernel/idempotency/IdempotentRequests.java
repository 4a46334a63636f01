package dev.psi.kernel.idempotency;

import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.SqlErrors;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} for creating requests. The key row is inserted in the same transaction as
 * the effect, so a key exists exactly when its effect committed. A concurrent repeat blocks on the
 * key's unique index until the first commits, then replays its stored response; the same key with
 * a different body is refused with 422. Requests without a key simply run in a transaction.
 */
@Singleton
public final class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** What a creating command produced: the response body and, for a new resource, its path. */
    public record Created<T>(T body, @Nullable String location) {
    }

    private final Database database;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentRequests(Database database, JsonMapper json, Clock clock) {
        this.database = database;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Runs {@code work} once per {@code (tenant, scope, key)} and answers {@code status} with its
     * body, or replays the first answer for a repeated key.
     */
    public <T> MutableHttpResponse<?> execute(TenantId tenant, String scope, @Nullable String key, Object request,
                                              HttpStatus status, Database.Work<Created<T>> work) {
        if (key == null) {
            return respond(status, database.inTransaction(work));
        }
        validate(key);
        String hash = hash(scope, request);
        try {
            Created<T> created = database.inTransaction(tx -> {
                try {
                    tx.update("INSERT INTO idempotency_keys (tenant_id, scope, idempotency_key, request_hash,"
                            + " response_status, response_body, created_at) VALUES (?, ?, ?, ?, 0, '', ?)",
                            tenant.value(), scope, key, hash, clock.instant());
                } catch (SQLException e) {
                    if (SqlErrors.isDuplicateKey(e)) {
                        throw new KeyTaken();
                    }
                    throw e;
                }
                Created<T> result = work.run(tx);
                tx.update("UPDATE idempotency_keys SET response_status = ?, response_body = ?, response_location = ?"
                        + " WHERE tenant_id = ? AND scope = ? AND idempotency_key = ?",
                        status.getCode(), write(result.body()), result.location(), tenant.value(), scope, key);
                return result;
            });
            return respond(status, created);
        } catch (KeyTaken e) {
            return replay(tenant, scope, key, hash);
        }
    }

    /** The key is already stored: the first request with it has committed. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    private MutableHttpResponse<?> replay(TenantId tenant, String scope, String key, String hash) {
        var stored = database.read(tx -> tx.one(
                "SELECT request_hash, response_status, response_body, response_location FROM idempotency_keys"
                        + " WHERE tenant_id = ? AND scope = ? AND idempotency_key = ?",
                row -> new Stored(row.string("request_hash"), row.intValue("response_status"),
                        row.string("response_body"), row.string("response_location")),
                tenant.value(), scope, key)).orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + key));
        if (!stored.hash().equals(hash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + key + "' was first used with a different request");
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(stored.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(REPLAYED_HEADER, "true")
                .body(stored.body());
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        return response;
    }

    private record Stored(String hash, int status, String body, @Nullable String location) {
    }

    private static <T> MutableHttpResponse<T> respond(HttpStatus status, Created<T> created) {
        MutableHttpResponse<T> response = HttpResponse.<T>status(status).body(created.body());
        if (created.location() != null) {
            response.header(HttpHeaders.LOCATION, created.location());
        }
        return response;
    }

    private static void validate(String key) {
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ProblemException.invalid(HEADER, "must be 1-200 visible ASCII characters");
        }
    }

    private String hash(String scope, Object request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(scope.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

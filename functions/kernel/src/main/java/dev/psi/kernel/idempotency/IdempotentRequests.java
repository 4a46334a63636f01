package dev.psi.kernel.idempotency;

import dev.psi.contract.problem.ProblemType;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.SqlErrors;
import dev.psi.kernel.db.Tx;
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
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for creating requests. The key row is inserted in the same transaction as
 * the effect, so a key exists exactly when its effect committed. A concurrent repeat blocks on the
 * key's unique index until the first commits, then replays its stored response; the same key with
 * a different body is refused with 422. Requests without a key simply run.
 *
 * <p>Who does what: the controller makes the request's {@link Idempotency} and answers through it;
 * the service opens its transaction as it always does and runs its work through
 * {@link Idempotency#run}, which claims the key first and stores the answer last:
 *
 * <pre>{@code
 * // controller
 * var once = idempotent.of(tenant, "catalog.product.create", key, request, HttpStatus.CREATED);
 * return once.respond(() -> catalog.create(tenant, request, once));
 * // service
 * return database.inTransaction(tx -> once.run(tx, () -> Outcome.created(insert(tx, ...), location)));
 * }</pre>
 */
@Singleton
public final class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Database database;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentRequests(Database database, JsonMapper json, Clock clock) {
        this.database = database;
        this.json = json;
        this.clock = clock;
    }

    /** The work a service runs inside its transaction. */
    @FunctionalInterface
    public interface Work<T> {
        Outcome<T> run() throws SQLException;
    }

    /**
     * The idempotency of one request: at most one effect per {@code (tenant, scope, key)}, answered
     * with {@code status}. {@code key} null means the client sent none: the work simply runs.
     */
    public Idempotency of(TenantId tenant, String scope, @Nullable String key, Object request, HttpStatus status) {
        if (key != null) {
            validate(key);
        }
        return new Idempotency(tenant, scope, key, key == null ? null : hash(scope, request), status);
    }

    /** One request's idempotency; see {@link IdempotentRequests}. */
    public final class Idempotency {

        private final TenantId tenant;
        private final String scope;
        @Nullable
        private final String key;
        @Nullable
        private final String hash;
        private final HttpStatus status;

        private Idempotency(TenantId tenant, String scope, @Nullable String key, @Nullable String hash, HttpStatus status) {
            this.tenant = tenant;
            this.scope = scope;
            this.key = key;
            this.hash = hash;
            this.status = status;
        }

        /**
         * Inside the service's transaction {@code tx}: claims the key (waiting for a concurrent
         * request with the same key to finish), runs {@code work}, and stores its answer with the key.
         */
        public <T> Outcome<T> run(Tx tx, Work<T> work) throws SQLException {
            if (key == null) {
                return work.run();
            }
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
            Outcome<T> outcome = work.run();
            tx.update("UPDATE idempotency_keys SET response_status = ?, response_body = ?, response_location = ?"
                    + " WHERE tenant_id = ? AND scope = ? AND idempotency_key = ?",
                    status.getCode(), write(outcome.body()), outcome.location(), tenant.value(), scope, key);
            return outcome;
        }

        /**
         * Calls the service (which runs its work through {@link #run}) and answers the status with its
         * outcome, or replays the first answer when the key was used before.
         */
        public MutableHttpResponse<?> respond(Supplier<? extends Outcome<?>> service) {
            try {
                return IdempotentRequests.respond(status, service.get());
            } catch (KeyTaken e) {
                return replay(tenant, scope, key, hash);
            }
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

    private static MutableHttpResponse<?> respond(HttpStatus status, Outcome<?> outcome) {
        MutableHttpResponse<Object> response = HttpResponse.status(status).body(outcome.body());
        if (outcome.location() != null) {
            response.header(HttpHeaders.LOCATION, outcome.location());
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

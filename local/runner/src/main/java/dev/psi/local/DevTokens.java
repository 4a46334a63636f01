package dev.psi.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.psi.contract.problem.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Development tokens from the local front door, for the console's "use development token" button:
 * {@code GET /local/dev-token} says that they are offered, {@code POST /local/dev-token} with
 * {@code {"tenant":"demo","roles":["admin"]}} answers {@code {"token":..., "expiresAt":...}}, an HS256 token
 * signed with the secret the local functions verify with (what {@code bin/psi-token} prints). Only the local
 * runner has this: no function serves it, and the cluster's front door (its ingress) routes {@code /local/**}
 * nowhere. The front door listens on the loopback address only; a request whose {@code Host} is not a loopback
 * name is refused (so a page of another site cannot reach it through DNS rebinding), and the POST must be
 * {@code application/json} (a cross-site form cannot send it without a preflight the door never answers).
 */
final class DevTokens {

    static final String PATH = "/local/dev-token";
    static final List<String> ROLES = List.of("admin", "purchaser", "sales", "warehouse", "viewer");
    static final Duration TTL = Duration.ofHours(8);
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern SUBJECT = Pattern.compile("[\\w.@-]{1,64}");
    private static final Pattern LOOPBACK_HOST = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;

    DevTokens(String secret) {
        this.secret = secret;
    }

    void handle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !LOOPBACK_HOST.matcher(host.strip()).matches()) {
            Proxy.Problems.send(exchange, ProblemType.FORBIDDEN, "development tokens are handed out on localhost only");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> Proxy.Json.send(exchange, 200, "application/json",
                    Map.of("offered", true, "roles", ROLES, "ttl", TTL.toString()));
            case "POST" -> issue(exchange);
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                Proxy.Problems.send(exchange, ProblemType.METHOD_NOT_ALLOWED, "use GET or POST");
            }
        }
    }

    private void issue(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            Proxy.Problems.send(exchange, ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json");
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in.readNBytes(4096));
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            Proxy.Problems.send(exchange, ProblemType.MALFORMED, "send {\"tenant\": \"demo\", \"roles\": [\"admin\"]}");
            return;
        }
        String tenant = body.path("tenant").asText("");
        String subject = body.path("subject").asText("dev");
        List<String> roles = new ArrayList<>();
        body.path("roles").forEach(role -> roles.add(role.asText("").strip().toLowerCase(Locale.ROOT)));
        String invalid = !TENANT.matcher(tenant).matches() ? "tenant: 1-40 letters, digits, _ or -"
                : !SUBJECT.matcher(subject).matches() ? "subject: 1-64 letters, digits, _ . @ or -"
                : roles.isEmpty() || !ROLES.containsAll(roles) ? "roles: one or more of " + String.join(", ", ROLES)
                : null;
        if (invalid != null) {
            Proxy.Problems.send(exchange, ProblemType.VALIDATION, invalid);
            return;
        }
        Instant expires = Instant.now().plus(TTL);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", issue(tenant, subject, roles, expires));
        answer.put("expiresAt", expires.toString());
        Proxy.Json.send(exchange, 200, "application/json", answer);
    }

    /** An HS256 JWT with the claims the functions read (sub, tenant, roles) and iat, exp. */
    String issue(String tenant, String subject, List<String> roles, Instant expires) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("tenant", tenant);
        claims.put("roles", roles);
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", expires.getEpochSecond());
        try {
            String input = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.psi.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of this test JVM: a random HS256 secret that every function under test verifies
 * tokens with ({@code psi.auth.jwt-secret}), a random internal credential for the event endpoints
 * ({@code psi.auth.internal-token}), and tokens minted with them for any tenant and roles.
 */
public final class TestTokens {

    public static final List<String> ALL_ROLES = List.of("admin", "purchaser", "sales", "warehouse", "viewer");

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String SECRET = random();
    private static final String INTERNAL = random();

    private TestTokens() {
    }

    /** The secret functions under test verify tokens with. */
    public static String secret() {
        return SECRET;
    }

    /** The internal credential of the event endpoints: {@code Authorization: Bearer <this>}. */
    public static String internal() {
        return INTERNAL;
    }

    /** A token for {@code tenant} with {@code roles}, valid for an hour. */
    public static String token(String tenant, String... roles) {
        return token(SECRET, tenant, "test-user", List.of(roles), Duration.ofHours(1));
    }

    /** Any token: another secret (a forged one), another subject, or a past expiry (a negative ttl). */
    public static String token(String secret, String tenant, String subject, List<String> roles, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        // Written by hand: the harness has no JSON mapper implementation of its own on every classpath.
        String claims = "{\"sub\":" + quote(subject) + (tenant == null ? "" : ",\"tenant\":" + quote(tenant))
                + ",\"roles\":[" + String.join(",", roles.stream().map(TestTokens::quote).toList()) + "]"
                + ",\"iat\":" + now + ",\"exp\":" + (now + ttl.toSeconds()) + "}";
        String signingInput = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String value) {
        var out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return B64.encodeToString(bytes);
    }
}

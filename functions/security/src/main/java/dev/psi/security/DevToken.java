package dev.psi.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Issues a development token signed with {@code PSI_JWT_SECRET}, for the local launcher and for
 * curl: {@code bin/psi-token --tenant demo --roles admin [--subject dev] [--ttl PT8H]}. Prints the
 * token only, so that {@code TOKEN=$(bin/psi-token ...)} works. Never for production tokens: the
 * cluster's tokens come from its identity provider (PSI_JWKS_URL).
 */
public final class DevToken {

    private DevToken() {
    }

    public static void main(String[] args) throws JOSEException {
        String tenant = "demo";
        String roles = "admin";
        String subject = "dev";
        Duration ttl = Duration.ofHours(8);
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tenant" -> tenant = args[i + 1];
                case "--roles" -> roles = args[i + 1];
                case "--subject" -> subject = args[i + 1];
                case "--ttl" -> ttl = Duration.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --tenant, --roles, --subject, --ttl)");
            }
        }
        String secret = System.getenv("PSI_JWT_SECRET");
        if (secret == null || secret.length() < 32) {
            System.err.println("Set PSI_JWT_SECRET (at least 32 characters), the secret the functions verify with.");
            System.exit(2);
        }
        System.out.println(issue(secret, tenant, List.of(roles.split(",")), subject, ttl));
    }

    /** A signed HS256 token with the claims the functions read: sub, tenant, roles, iat, exp. */
    public static String issue(String secret, String tenant, List<String> roles, String subject, Duration ttl)
            throws JOSEException {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder().subject(subject).claim(AccessRule.TENANT_CLAIM, tenant)
                .claim("roles", roles.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).toList())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl))).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}

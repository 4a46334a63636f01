package dev.psi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.psi.testing.Api;
import dev.psi.testing.PsiTestResources;
import dev.psi.testing.TestTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The event endpoints in the cluster: Knative Eventing's OIDC token of the source (a service-account
 * token for this function's audience), verified against the keys a real JWKS endpoint serves.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenderIdentityIT implements PsiTestResources {

    static final String AUDIENCE = "psi-test-function";
    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    static final RSAKey CLUSTER_KEY = rsa("cluster");
    static final RSAKey OTHER_KEY = rsa("cluster"); // the same kid, another key: a forgery
    static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    static final HttpServer JWKS = jwks();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        var properties = new HashMap<>(PsiTestResources.super.getProperties());
        properties.put("psi.auth.internal-oidc.jwks-url", "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/openid/v1/jwks");
        properties.put("psi.auth.internal-oidc.audience", AUDIENCE);
        properties.put("psi.auth.internal-oidc.issuer", ISSUER);
        properties.put("psi.auth.internal-oidc.token-file", "/nonexistent/token");
        return properties;
    }

    @AfterAll
    void stopJwks() {
        JWKS.stop(0);
    }

    @Test
    void shouldAcceptTheSourcesTokenForThisFunctionsAudienceOnly() throws Exception {
        Api api = new Api(server.getURI(), "t-oidc");
        Instant now = Instant.now();

        var source = api.withAuthorization("Bearer " + token(CLUSTER_KEY, AUDIENCE, ISSUER, now.plusSeconds(600)));
        var otherAudience = api.withAuthorization("Bearer " + token(CLUSTER_KEY, "psi-another-function", ISSUER, now.plusSeconds(600)));
        var otherIssuer = api.withAuthorization("Bearer " + token(CLUSTER_KEY, AUDIENCE, "https://evil.example", now.plusSeconds(600)));
        var expired = api.withAuthorization("Bearer " + token(CLUSTER_KEY, AUDIENCE, ISSUER, now.minusSeconds(600)));
        var forged = api.withAuthorization("Bearer " + token(OTHER_KEY, AUDIENCE, ISSUER, now.plusSeconds(600)));
        var userToken = api.withAuthorization("Bearer " + TestTokens.token("t-oidc", "admin"));

        assertEquals(200, source.post("/outbox/sweep", "{}").status());
        for (Api refused : new Api[] {otherAudience, otherIssuer, expired, forged, userToken}) {
            var answer = refused.post("/outbox/sweep", "{}");
            assertEquals(403, answer.status(), answer::toString);
            assertEquals("urn:psi:problem:forbidden", answer.text("type"));
        }
        assertTrue(JWKS_FETCHES.get() >= 1, "the keys came from the JWKS endpoint");
        // The same token also opens the other internal endpoints, and only them: not /api.
        assertEquals(401, source.get("/api/inventory/tenant").status());
    }

    static String token(RSAKey key, String audience, String issuer, Instant expiry) throws Exception {
        var claims = new JWTClaimsSet.Builder()
                .subject("system:serviceaccount:psi-system:stock-adjust-sales-orders-oidc-source")
                .audience(audience).issuer(issuer)
                .issueTime(Date.from(expiry.minus(Duration.ofHours(1)))).expirationTime(Date.from(expiry)).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(CLUSTER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/openid/v1/jwks", exchange -> {
                JWKS_FETCHES.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.psi.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.util.List;

/**
 * The keys a bearer token may be signed with: the HS256 secret ({@code PSI_JWT_SECRET}, local and
 * development tokens) and the cluster identity provider's JWKS ({@code PSI_JWKS_URL}), either or
 * both. With neither, no token verifies and every {@code /api} request is refused.
 */
@Factory
final class Signatures {

    @Singleton
    @Named("psi-hmac")
    @Requires(property = "psi.auth.jwt-secret", pattern = ".+")
    SignatureConfiguration hmac(AuthSettings settings) {
        var configuration = new SecretSignatureConfiguration("psi-hmac");
        configuration.setSecret(settings.jwtSecret());
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }

    @Singleton
    @Named("psi-jwks")
    @Requires(property = "psi.auth.jwks-url", pattern = ".+")
    SignatureConfiguration jwks(AuthSettings settings) throws MalformedURLException {
        // Fetched on the first token, then cached and refreshed by nimbus (with rate limiting and retry).
        JWKSource<SecurityContext> source = JWKSourceBuilder
                .create(URI.create(settings.jwksUrl()).toURL(), new DefaultResourceRetriever(2000, 2000, 512 * 1024))
                .build();
        return new JwksSignature(source);
    }

    /** Verifies RSA and EC signatures with the key the token's {@code kid} names in the JWKS. */
    static final class JwksSignature implements SignatureConfiguration {

        private static final List<JWSAlgorithm> SUPPORTED = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

        private final JWKSource<SecurityContext> source;
        private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

        JwksSignature(JWKSource<SecurityContext> source) {
            this.source = source;
        }

        @Override
        public String supportedAlgorithmsMessage() {
            return "Only the " + SUPPORTED + " JWS algorithms are supported";
        }

        @Override
        public boolean supports(JWSAlgorithm algorithm) {
            return SUPPORTED.contains(algorithm);
        }

        @Override
        public boolean verify(SignedJWT jwt) throws JOSEException {
            var keys = source.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null);
            for (JWK jwk : keys) {
                Key key = jwk.getKeyType().getValue().equals("EC") ? jwk.toECKey().toPublicKey() : jwk.toRSAKey().toPublicKey();
                if (jwt.verify(verifiers.createJWSVerifier(jwt.getHeader(), key))) {
                    return true;
                }
            }
            return false;
        }
    }
}

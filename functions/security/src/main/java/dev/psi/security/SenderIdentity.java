package dev.psi.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event sources' identity in the cluster: with Knative Eventing's {@code authentication-oidc}
 * feature, every KafkaSource and PingSource delivery carries {@code Authorization: Bearer <JWT>}, a
 * Kubernetes service-account token that Eventing requests for the sink's audience (the sink's
 * {@code audience} in {@code knative/}). It is accepted when its signature verifies against the
 * cluster's keys ({@code PSI_INTERNAL_OIDC_JWKS_URL}, fetched with the pod's own service-account
 * token when one is mounted), its {@code aud} is this function's ({@code PSI_INTERNAL_OIDC_AUDIENCE}, by default
 * {@code psi-<function>}),
 * its issuer is the cluster's ({@code PSI_INTERNAL_OIDC_ISSUER}, when set) and it has not expired.
 * Behind Knative's queue-proxy every caller's address is the loopback one, so in the cluster this,
 * not an address, is what tells an event source from anyone else.
 */
@Singleton
final class SenderIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(SenderIdentity.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    private final DefaultJWTProcessor<SecurityContext> processor;

    SenderIdentity(@Value("${psi.auth.internal-oidc.jwks-url:}") String jwksUrl,
                   @Value("${psi.auth.internal-oidc.audience:}") String audience,
                   @Value("${psi.auth.internal-oidc.issuer:}") String issuer,
                   @Value("${micronaut.application.name:}") String function,
                   @Value("${psi.auth.internal-oidc.token-file:/var/run/secrets/kubernetes.io/serviceaccount/token}")
                   String tokenFile) {
        if (jwksUrl.isBlank()) {
            this.processor = null;
            return;
        }
        if (audience.isBlank()) {
            // the sinks in knative/ name psi-<function> as their audience
            audience = "psi-" + function;
        }
        try {
            // Fetched on the first event, then cached and refreshed by nimbus (with rate limiting and retry).
            JWKSource<SecurityContext> keys = JWKSourceBuilder
                    .create(URI.create(jwksUrl.trim()).toURL(), new WithServiceAccountToken(Path.of(tokenFile)))
                    .build();
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
            var exact = new JWTClaimsSet.Builder();
            if (!issuer.isBlank()) {
                exact.issuer(issuer.trim());
            }
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                    // mutable sets: nimbus asks them whether they contain null
                    new HashSet<>(Set.of(audience.trim())), exact.build(), new HashSet<>(Set.of("sub", "exp")), null));
            this.processor = processor;
        } catch (IOException e) {
            throw new IllegalStateException("PSI_INTERNAL_OIDC_JWKS_URL is not a URL", e);
        }
    }

    boolean configured() {
        return processor != null;
    }

    /** True when {@code token} is an event source's token for this function. */
    boolean accepts(String token) {
        if (processor == null || token.chars().filter(c -> c == '.').count() != 2) {
            return false;
        }
        try {
            processor.process(token, null);
            return true;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.debug("an event sender's token was refused: {}", e.getMessage()); // the reason, never the token
            return false;
        }
    }

    /**
     * Reads the JWKS with the pod's service-account token (read at each fetch: the kubelet rotates it),
     * trusting the cluster's CA ({@code ca.crt} beside the token) besides the JDK's.
     */
    private record WithServiceAccountToken(Path tokenFile) implements ResourceRetriever {

        @Override
        public Resource retrieveResource(URL url) throws IOException {
            Path ca = tokenFile.resolveSibling("ca.crt");
            var retriever = Files.isReadable(ca)
                    ? new DefaultResourceRetriever(2000, 2000, 512 * 1024, true, trusting(ca))
                    : new DefaultResourceRetriever(2000, 2000, 512 * 1024);
            if (Files.isReadable(tokenFile)) {
                retriever.setHeaders(Map.of("Authorization", List.of("Bearer " + Files.readString(tokenFile).trim())));
            }
            return retriever.retrieveResource(url);
        }

        private static SSLSocketFactory trusting(Path ca) throws IOException {
            try (var in = Files.newInputStream(ca)) {
                var store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("cluster-ca-" + i++, certificate);
                }
                var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                var context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IOException("the cluster CA in " + ca + " cannot be read", e);
            }
        }
    }
}

package dev.psi.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event sources' credential for {@code /events}, the dead-letter endpoints and {@code
 * /outbox/sweep}, any of: {@code Authorization: Bearer <PSI_INTERNAL_TOKEN>}, compared in constant
 * time (the local dispatcher and sweeps); the event source's own OIDC token ({@link SenderIdentity}:
 * Knative Eventing in the cluster); a caller address inside {@code PSI_INTERNAL_NETWORKS}
 * (comma-separated CIDRs; only where callers reach the function directly, never behind Knative's
 * queue-proxy, where every caller is the loopback address). With none configured these endpoints
 * are closed, except in local mode. So a misrouted ingress exposes nothing: it cannot add the
 * credential.
 */
@Singleton
final class InternalCredential {

    private static final Logger LOG = LoggerFactory.getLogger(InternalCredential.class);
    private static final String BEARER = "Bearer ";

    private final byte[] tokenDigest;
    private final List<Network> networks;
    private final SenderIdentity senders;
    private final boolean local;
    private final AtomicBoolean warned = new AtomicBoolean();

    InternalCredential(@Value("${psi.auth.internal-token:}") String token,
                       @Value("${psi.auth.internal-networks:}") String networks, SenderIdentity senders,
                       AuthSettings settings) {
        this.tokenDigest = token.isBlank() ? null : sha256(token.trim());
        this.networks = Arrays.stream(networks.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Network::parse).toList();
        this.senders = senders;
        this.local = settings.local();
    }

    boolean accepts(HttpRequest<?> request) {
        if (tokenDigest == null && networks.isEmpty() && !senders.configured()) {
            if (!local && warned.compareAndSet(false, true)) {
                LOG.warn("none of PSI_INTERNAL_TOKEN, PSI_INTERNAL_OIDC_JWKS_URL and PSI_INTERNAL_NETWORKS is set: "
                        + "the event endpoints refuse every call");
            }
            return local;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bearer = authorization.substring(BEARER.length()).trim();
            // Digests of equal length: the comparison time says nothing about the token.
            if (tokenDigest != null && MessageDigest.isEqual(tokenDigest, sha256(bearer))) {
                return true;
            }
            if (senders.accepts(bearer)) {
                return true;
            }
        }
        InetAddress caller = request.getRemoteAddress().getAddress();
        return caller != null && networks.stream().anyMatch(network -> network.contains(caller));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IPv4 or IPv6 network in CIDR notation; a bare address is a network of one. */
    record Network(byte[] address, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                byte[] address = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
                int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Network(address, prefix);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalStateException("PSI_INTERNAL_NETWORKS: '" + cidr + "' is not an address or CIDR", e);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (other[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}

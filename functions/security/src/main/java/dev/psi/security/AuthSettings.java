package dev.psi.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The authentication mode and keys, read once. Secrets are kept here and never logged. */
@Singleton
final class AuthSettings {

    enum Mode { JWT, LOCAL }

    private final Mode mode;
    private final String jwtSecret;
    private final String jwksUrl;

    AuthSettings(@Value("${psi.auth.mode:jwt}") String mode, @Value("${psi.auth.jwt-secret:}") String jwtSecret,
                 @Value("${psi.auth.jwks-url:}") String jwksUrl) {
        this.mode = switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "jwt" -> Mode.JWT;
            case "local" -> Mode.LOCAL;
            default -> throw new IllegalStateException("PSI_AUTH_MODE must be jwt or local, not '" + mode + "'");
        };
        this.jwtSecret = jwtSecret.trim();
        this.jwksUrl = jwksUrl.trim();
        if (!this.jwtSecret.isEmpty() && this.jwtSecret.length() < 32) {
            throw new IllegalStateException("PSI_JWT_SECRET must be at least 32 characters (HS256 needs 256 bits)");
        }
    }

    boolean local() {
        return mode == Mode.LOCAL;
    }

    String jwtSecret() {
        return jwtSecret;
    }

    String jwksUrl() {
        return jwksUrl;
    }

    @Override
    public String toString() {
        return "AuthSettings[mode=" + mode + ", hmac=" + !jwtSecret.isEmpty() + ", jwks=" + jwksUrl + "]";
    }
}

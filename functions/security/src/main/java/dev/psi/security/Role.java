package dev.psi.security;

import java.util.Locale;

/** The roles a token's {@code roles} claim may carry; the claim holds the lower-case names. */
public enum Role {
    ADMIN, PURCHASER, SALES, WAREHOUSE, VIEWER;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}

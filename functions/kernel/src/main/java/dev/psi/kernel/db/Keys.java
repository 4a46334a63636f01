package dev.psi.kernel.db;

import dev.psi.contract.catalog.Codes;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SKUs and codes as the database compares them. Its collation is case-insensitive, so
 * {@code apl-001} and {@code APL-001} name one product; anything keyed by a code outside the
 * database (a cache entry, an idempotency scope) must be keyed by {@link #normal} or two spellings
 * of one code miss each other. Codes are ASCII ({@link Codes#PATTERN}), where upper-casing is
 * exactly what the collation ignores.
 */
public final class Keys {

    private static final Pattern CODE = Pattern.compile(Codes.PATTERN);

    private Keys() {
    }

    /** The one spelling of {@code code} under which everything outside the database keys it. */
    public static String normal(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /**
     * Whether {@code text} has the shape of a code. Text that has not can still match a stored code
     * in the database (the collation also ignores accents: {@code é} equals {@code e}), but has no
     * {@link #normal} spelling: do not key anything by it.
     */
    public static boolean isCode(String text) {
        return CODE.matcher(text).matches();
    }
}

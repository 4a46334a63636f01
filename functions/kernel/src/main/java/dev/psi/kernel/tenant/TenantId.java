package dev.psi.kernel.tenant;

import dev.psi.kernel.web.ProblemException;

/**
 * The tenant a request acts for. Every row carries one and every query filters by it. Bound to a
 * controller parameter by {@link TenantArgumentBinder}.
 */
public record TenantId(String value) {

    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    public TenantId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw ProblemException.invalid(TenantArgumentBinder.HEADER,
                    "must be 1-40 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

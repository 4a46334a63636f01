package dev.psi.catalog.shared;

import dev.psi.kernel.web.ProblemException;

public final class PathKeys {

    private PathKeys() {
    }

    /** A PUT may repeat the resource's key in its body, but not change it. */
    public static void requireSame(String field, String inPath, String inBody) {
        if (inBody != null && !inBody.equals(inPath)) {
            throw ProblemException.invalid(field, "must equal the " + field + " in the path ('" + inPath
                    + "'); a " + field + " cannot be changed");
        }
    }
}

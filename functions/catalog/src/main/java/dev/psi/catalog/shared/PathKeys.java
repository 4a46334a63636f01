package dev.psi.catalog.shared;

import dev.psi.kernel.web.ProblemException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

public final class PathKeys {

    private PathKeys() {
    }

    /**
     * The path of one resource: a code may contain '/', which must travel as %2F to stay one path
     * segment (the router decodes it back).
     */
    public static String location(String collection, String key) {
        return collection + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A PUT may repeat the resource's key in its body, but not change it (keys compare as the database does: case-insensitively). */
    public static void requireSame(String field, String inPath, String inBody) {
        if (inBody != null && !inBody.equalsIgnoreCase(inPath)) {
            throw ProblemException.invalid(field, "must equal the " + field + " in the path ('" + inPath
                    + "'); a " + field + " cannot be changed");
        }
    }
}

package dev.psi.catalog.shared;

import dev.psi.kernel.web.ProblemException;
import java.util.Map;
import java.util.TreeSet;

/** Maps a client's {@code sort} name (prefix '-' for descending) to a column; anything else is a field error. */
public final class ListParams {

    private ListParams() {
    }

    public static String orderBy(String sort, String defaultSort, Map<String, String> columns, String tieBreaker) {
        String key = sort == null || sort.isBlank() ? defaultSort : sort.trim();
        boolean descending = key.startsWith("-");
        String column = columns.get(descending ? key.substring(1) : key);
        if (column == null) {
            throw ProblemException.invalid("sort", "must be one of " + String.join(", ", new TreeSet<>(columns.keySet()))
                    + " (prefix '-' for descending)");
        }
        return "ORDER BY " + column + (descending ? " DESC" : "") + ", " + tieBreaker;
    }
}

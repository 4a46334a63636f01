package dev.psi.kernel.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The query parameters of a list that choose among fixed values: a {@code sort} name (prefix '-'
 * for descending) mapped to a column, and filters such as {@code status} or {@code type} that name
 * a constant. Anything else is a 400 naming the allowed values, never an empty page or a silently
 * ignored parameter.
 */
public final class ListParams {

    private ListParams() {
    }

    /** The ORDER BY clause for {@code sort}, ending with {@code tieBreaker} so that the order is total. */
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

    /** The constant of {@code type} that {@code value} names (any case), null for none, else a 400 on {@code field}. */
    public static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** {@code true} or {@code false} (any case) as written in a filter, null for none, else a 400 on {@code field}. */
    public static Boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(field, "must be true or false");
        };
    }
}

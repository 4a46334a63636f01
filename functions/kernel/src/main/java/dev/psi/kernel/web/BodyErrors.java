package dev.psi.kernel.web;

import dev.psi.contract.problem.FieldError;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A body value of the wrong type, in the client's words: the JSON path of the value
 * ({@code lines[0].quantity}) and what it must be ({@code must be a number}, {@code must be one of
 * DAMAGE, LOSS, ...}), never the Java type or the parser's wording.
 */
final class BodyErrors {

    private BodyErrors() {
    }

    /** The field error of the outermost deserialization failure in {@code cause}'s chain that knows its path. */
    static Optional<FieldError> of(Throwable cause) {
        String reason = null; // a value of the right type refused for a reason of its own (StrictScalars)
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StrictScalars.Refused refused) {
                reason = refused.getMessage();
            }
        }
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SerdeException e && !e.getPath().isEmpty()) {
                // innermost first: the value that failed, then what holds it, up to the body
                List<ReferencePath> path = new java.util.ArrayList<>(e.getPath());
                Argument<?> failed = path.get(0).getArgument();
                if (Collection.class.isAssignableFrom(failed.getType()) && path.get(0) instanceof CollectionItemReferencePath) {
                    // the value given for the list itself (an object, text) is not an item: name the list
                    path.remove(0);
                }
                java.util.Collections.reverse(path);
                String field = path(path);
                if (Collection.class.isAssignableFrom(failed.getType())) {
                    // the value given for the list itself (an object, text) is not one of its items: name the list
                    field = field.replaceFirst("\\[\\d+]$", "");
                }
                return Optional.of(new FieldError(field, reason != null ? reason : expected(failed)));
            }
            if (t instanceof SerdeException e && e.getMessage() != null && e.getMessage().startsWith("Unexpected token")) {
                return Optional.of(new FieldError("body", "must be a JSON object"));
            }
        }
        return Optional.empty();
    }

    static String path(List<ReferencePath> path) {
        var text = new StringBuilder();
        for (ReferencePath part : path) {
            if (part instanceof PropertyReferencePath property) {
                text.append(text.isEmpty() ? "" : ".").append(property.property().getName());
            } else if (part instanceof CollectionItemReferencePath item) {
                text.append('[').append(item.index()).append(']');
            } else if (part instanceof MapItemReferencePath entry) {
                text.append(text.isEmpty() ? "" : ".").append(entry.key());
            }
        }
        return text.isEmpty() ? "body" : text.toString();
    }

    static String expected(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type.isEnum()) {
            // Exactly as written: the values are codes, compared case-sensitively.
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", ")) + " (in capitals, as written here)";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class && type != char.class)) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be text";
        }
        if (type == LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date and time (ISO 8601, e.g. 2026-12-01T10:00:00Z)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        return "must be an object";
    }
}

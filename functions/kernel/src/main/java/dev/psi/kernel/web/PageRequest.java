package dev.psi.kernel.web;

import dev.psi.contract.problem.FieldError;
import java.util.ArrayList;

/** {@code page} (from 0) and {@code size} (1 to 200) of a list request, validated. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static PageRequest of(int page, int size) {
        var errors = new ArrayList<FieldError>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new PageRequest(page, size);
    }

    /** The rows before this page; in 64 bits, since {@code page * size} overflows an int for large pages. */
    public long offset() {
        return (long) page * size;
    }
}

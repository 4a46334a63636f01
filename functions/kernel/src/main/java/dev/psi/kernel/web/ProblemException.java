package dev.psi.kernel.web;

import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.ProblemType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request that cannot be done, with the problem to answer. Thrown anywhere below a controller
 * (inside a transaction it also rolls back), rendered once by {@link ProblemErrorResponseProcessor}.
 */
public final class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, Object> context;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Map<String, Object> context) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.context = new LinkedHashMap<>(context);
    }

    public static ProblemException notFound(String what, String key) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " '" + key + "' does not exist");
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(ProblemType.VALIDATION, detail, errors, Map.of());
    }

    public static ProblemException duplicate(String what, String key) {
        return new ProblemException(ProblemType.DUPLICATE, what + " '" + key + "' already exists");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> context() {
        return context;
    }
}

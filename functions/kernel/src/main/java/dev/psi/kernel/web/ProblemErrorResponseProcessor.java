package dev.psi.kernel.web;

import dev.psi.contract.problem.FieldError;
import dev.psi.contract.problem.Problem;
import dev.psi.contract.problem.ProblemType;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Renders every error Micronaut produces (routing, binding, validation, our own
 * {@link ProblemException}) as RFC 9457 {@code application/problem+json}, in one place.
 */
@Singleton
@Primary
public final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        var cause = context.getRootCause().orElse(null);
        Problem problem = cause instanceof ProblemException p
                ? problem(p.type(), p.getMessage(), p.errors(), p.context(), context)
                : fromStatus(response.getStatus(), context);
        return response.status(problem.status())
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
    }

    private static Problem fromStatus(HttpStatus status, ErrorContext context) {
        List<FieldError> errors = context.getRootCause().flatMap(BodyErrors::of).map(List::of)
                .orElseGet(() -> context.getErrors().stream()
                        .filter(e -> e.getPath().isPresent())
                        .map(e -> fieldError(e.getPath().get(), e.getMessage()))
                        .toList());
        ProblemType type = switch (status) {
            case BAD_REQUEST -> errors.isEmpty() ? ProblemType.MALFORMED : ProblemType.VALIDATION;
            case UNAUTHORIZED -> ProblemType.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ProblemType.NOT_ACCEPTABLE;
            case CONFLICT -> ProblemType.CONFLICT;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case REQUEST_ENTITY_TOO_LARGE -> ProblemType.TOO_LARGE;
            case TOO_MANY_REQUESTS -> ProblemType.RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> ProblemType.UNAVAILABLE;
            default -> status.getCode() >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED;
        };
        String detail = errors.isEmpty()
                ? context.getErrors().stream().map(Error::getMessage).map(ProblemErrorResponseProcessor::plain).findFirst()
                        .orElse(type.title())
                : errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are invalid";
        if (type == ProblemType.INTERNAL) {
            detail = "An unexpected error occurred; it has been logged.";
        }
        return new Problem(type.uri(), type.title(), status.getCode(), detail,
                context.getRequest().getPath(), errors, Map.of());
    }

    private static Problem problem(ProblemType type, String detail, List<FieldError> errors,
                                   Map<String, Object> extra, ErrorContext context) {
        return new Problem(type.uri(), type.title(), type.status(), detail, context.getRequest().getPath(), errors, extra);
    }

    private static final java.util.regex.Pattern CONVERSION_PREFIX =
            java.util.regex.Pattern.compile("^Failed to convert argument \\[[^]]*] for value \\[[^]]*] due to: ");
    private static final java.util.regex.Pattern JSON_LOCATION =
            java.util.regex.Pattern.compile("\\s*at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]");

    private static final java.util.regex.Pattern LAST_LOCATION =
            java.util.regex.Pattern.compile("(?s).*line: (\\d+), column: (\\d+)].*");

    /** The parser's complaint about JSON that does not parse, without its wording: where it stopped. */
    static String plain(String message) {
        if (message == null || !message.startsWith("Invalid JSON")) {
            return message;
        }
        var at = LAST_LOCATION.matcher(message);
        return "the body is not valid JSON" + (at.matches() ? " (line " + at.group(1) + ", column " + at.group(2) + ")" : "");
    }

    /**
     * A binding error in client terms: a body that does not deserialize is reported on {@code body}
     * (not on the Java parameter's name) with the parser's line and column, without framework wording.
     */
    static FieldError fieldError(String path, String message) {
        String text = message == null ? "is invalid" : CONVERSION_PREFIX.matcher(message).replaceFirst("");
        if (text.startsWith("Required Body")) {
            return new FieldError("body", "is required: a JSON object");
        }
        boolean body = text.contains("deserialize") || text.startsWith("Invalid JSON");
        text = JSON_LOCATION.matcher(text).replaceAll(" (line $1, column $2)").trim();
        return new FieldError(body ? "body" : fieldName(path), text);
    }

    /**
     * Bean validation reports paths such as {@code create.request.lines[0].quantity}: the method
     * and parameter names mean nothing to a client, the path inside the body does. Binding errors
     * name the request parameter as {@code /page}: the client sent {@code page}.
     */
    static String fieldName(String path) {
        // A constraint on a list's elements (List<@NotNull Line>) reports lines[0]<list element>.
        path = path.replace("<list element>", "");
        if (path.startsWith("/")) {
            return path.substring(1);
        }
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }
}

package dev.psi.kernel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemFieldErrorTest {

    @Test
    void shouldReportABodyThatDoesNotDeserializeOnBodyWithItsPosition() {
        var error = ProblemErrorResponseProcessor.fieldError("request", "Failed to convert argument [request] for value [null]"
                + " due to: Cannot deserialize value of type `java.math.BigDecimal` due to: Unable to coerce string to"
                + " BigDecimal \n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 56]");

        assertEquals("body", error.field());
        assertEquals("Cannot deserialize value of type `java.math.BigDecimal` due to: Unable to coerce string to BigDecimal"
                + " (line 1, column 56)", error.message());
    }

    @Test
    void shouldKeepAQueryParameterNameAndStripTheMethodFromValidationPaths() {
        assertEquals("page", ProblemErrorResponseProcessor.fieldError("page",
                "Failed to convert argument [page] for value [x] due to: For input string: \"x\"").field());
        assertEquals("lines[0].quantity", ProblemErrorResponseProcessor.fieldName("create.request.lines[0].quantity"));
    }
}

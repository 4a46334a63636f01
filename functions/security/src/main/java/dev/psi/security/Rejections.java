package dev.psi.security;

import dev.psi.contract.problem.Problem;
import dev.psi.contract.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Every request the security layer refuses: answered as problem+json and counted ({@code psi_requests_rejected_total{reason}}). */
@Singleton
final class Rejections {

    static final String METRIC = "psi.requests.rejected";

    private final MeterRegistry meters;

    Rejections(MeterRegistry meters) {
        this.meters = meters;
    }

    MutableHttpResponse<Problem> reject(HttpRequest<?> request, ProblemType type, String reason, String detail,
                                        Map<String, Object> context) {
        meters.counter(METRIC, "reason", reason).increment();
        var problem = new Problem(type.uri(), type.title(), type.status(), detail, request.getPath(), List.of(), context);
        return HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(type.status()))
                .contentType(Problem.MEDIA_TYPE).body(problem);
    }
}

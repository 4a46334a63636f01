package dev.psi.catalog.partner;

import dev.psi.kernel.idempotency.IdempotentRequests;
import dev.psi.kernel.web.ProblemResponses;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/api/customers")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "customers")
class CustomerController extends PartnerEndpoints {

    CustomerController(PartnerCatalog catalog, IdempotentRequests idempotent) {
        super(PartnerKind.CUSTOMER, catalog, idempotent);
    }
}

package dev.psi.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.StartupWork;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalog's cold start does only what cannot wait (see StartupWork). Recorded on 2026-12-03: 115 singletons
 * (the budget allows 10 % more), and these PSI beans; a new one must be lazy or be added here on purpose.
 */
class StartupWorkIT {

    static final Set<String> PSI_BEANS = Set.of("dev.psi.kernel.tenant.TenantArgumentBinder",
            "dev.psi.kernel.web.ProblemErrorResponseProcessor", "dev.psi.kernel.web.StrictScalars",
            "dev.psi.kernel.web.WholeJsonBodies", "dev.psi.security.ClaimsTenant");
    static final int BUDGET = 127;

    @Test
    void shouldCreateOnlyWhatCannotWaitAtStartUp() {
        var report = StartupWork.assertOnlyWhatCannotWait(PSI_BEANS, BUDGET);
        // the guard sees the server's own beans (it would pass vacuously on an empty report)
        assertTrue(report.beans().contains("io.micronaut.http.server.netty.NettyEmbeddedServer"), report::toString);
    }
}

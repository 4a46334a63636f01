package dev.psi.stock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.StartupWork;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * stock-adjust's cold start (events and cache) does only what cannot wait (see StartupWork): no Kafka producer,
 * no Redis connection, no pool. Recorded on 2026-12-03: 118 singletons (the budget allows 10 % more), and these
 * PSI beans (OutboxBacklog is bound to the registry at start; it reaches the database only when scraped).
 */
class StartupWorkIT {

    static final Set<String> PSI_BEANS = Set.of("dev.psi.kernel.config.ClockFactory",
            "dev.psi.kernel.events.OutboxBacklog", "dev.psi.kernel.tenant.TenantArgumentBinder",
            "dev.psi.kernel.web.ProblemErrorResponseProcessor", "dev.psi.kernel.web.StrictScalars",
            "dev.psi.kernel.web.WholeJsonBodies", "dev.psi.security.ClaimsTenant");
    static final int BUDGET = 130;

    @Test
    void shouldCreateOnlyWhatCannotWaitAtStartUp() {
        var report = StartupWork.assertOnlyWhatCannotWait(PSI_BEANS, BUDGET);
        // the guard sees the server's own beans (it would pass vacuously on an empty report)
        assertTrue(report.beans().contains("io.micronaut.http.server.netty.NettyEmbeddedServer"), report::toString);
    }
}

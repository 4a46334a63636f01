package dev.psi.stock;

import dev.psi.testing.StartupWork;
import java.nio.file.Path;
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
    /**
     * Classes the runnable jar loads until its first readiness answer (JDK 17, C1, no AOT cache): 7916 recorded on
     * 2026-12-06, after the service index and function.properties took the zip file system off the start; 5 % more.
     */
    static final int CLASS_BUDGET = 8320;
    static final int BUDGET = 130;

    @Test
    void shouldCreateOnlyWhatCannotWaitAtStartUp() {
        StartupWork.assertOnlyWhatCannotWait(PSI_BEANS, BUDGET);
    }

    @Test
    void theRunnableJarStartsWithoutScanningItself() throws Exception {
        StartupWork.assertJarStartWithin(Path.of("target/stock-adjust.jar"), CLASS_BUDGET);
    }
}

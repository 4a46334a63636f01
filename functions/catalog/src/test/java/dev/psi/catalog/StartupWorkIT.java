package dev.psi.catalog;

import dev.psi.testing.StartupWork;
import java.nio.file.Path;
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
    /**
     * Classes the runnable jar loads until its first readiness answer (JDK 17, C1, no AOT cache): 7847 recorded on
     * 2026-12-06, after the service index and function.properties took the zip file system off the start; 5 % more.
     */
    static final int CLASS_BUDGET = 8250;
    static final int BUDGET = 127;

    @Test
    void shouldCreateOnlyWhatCannotWaitAtStartUp() {
        StartupWork.assertOnlyWhatCannotWait(PSI_BEANS, BUDGET);
    }

    @Test
    void theRunnableJarStartsWithoutScanningItself() throws Exception {
        StartupWork.assertJarStartWithin(Path.of("target/catalog.jar"), CLASS_BUDGET);
    }
}

package dev.psi.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What a function's {@code @MicronautTest} HTTP test shares: the running function, a tenant of its
 * own for each test (so tests never see each other's rows) and a client acting for it with a token
 * of every role. A subclass adds its own {@code @BeforeEach} for data; JUnit runs this one first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TenantTest implements PsiTestResources {

    @Inject
    protected EmbeddedServer server;

    protected String tenant;
    protected Api api;

    @BeforeEach
    protected void newTenant() {
        tenant = Fixtures.newTenant();
        api = new Api(server.getURI(), tenant);
    }
}

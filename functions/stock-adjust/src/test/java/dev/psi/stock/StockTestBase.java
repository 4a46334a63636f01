package dev.psi.stock;

import static dev.psi.testing.Fixtures.aProduct;

import dev.psi.kernel.db.Database;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.testing.Fixtures;
import dev.psi.testing.PsiTestResources;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** A new tenant with warehouse WH1 and products A and B, and the order events stock-adjust consumes for it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StockTestBase implements PsiTestResources {

    @Inject
    Database database;

    String tenantId;
    TenantId tenant;
    OrderEventFixtures events;

    @BeforeEach
    void newTenant() {
        tenantId = Fixtures.newTenant();
        tenant = new TenantId(tenantId);
        events = new OrderEventFixtures(tenantId);
        Fixtures.warehouse(tenantId, "WH1");
        aProduct(tenantId, "A").create();
        aProduct(tenantId, "B").create();
    }
}

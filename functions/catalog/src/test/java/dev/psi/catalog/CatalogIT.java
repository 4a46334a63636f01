package dev.psi.catalog;

import dev.psi.testing.PsiTestResources;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** What every catalog HTTP test shares: the running function, and a tenant of its own per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogIT implements PsiTestResources {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    CatalogApi api;

    @BeforeEach
    void newTenant() {
        api = new CatalogApi(client, json, CatalogApi.aNewTenant());
    }
}

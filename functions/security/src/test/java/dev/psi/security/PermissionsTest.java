package dev.psi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    @Test
    void shouldMatchOneSegmentForAStarAndAnyRestForTwo() {
        assertEquals("ship goods", Permissions.find("POST", "/api/sales-orders/SO-2026-000001/shipments").orElseThrow().what());
        assertEquals("read products", Permissions.find("GET", "/api/products").orElseThrow().what());
        assertEquals("read products", Permissions.find("HEAD", "/api/products/SKU%2F1").orElseThrow().what());
        assertTrue(Permissions.find("POST", "/api/sales-orders/SO-1/shipments/extra").isEmpty());
        assertTrue(Permissions.find("GET", "/api/audit/1").isEmpty());
        assertTrue(Permissions.find("PATCH", "/api/products/X").isEmpty());
    }

    @Test
    void shouldLetNoRoleButAdminManageProductsOrReadTheAudit() {
        for (String path : List.of("/api/products", "/api/products/X", "/api/products/import", "/api/audit")) {
            String method = path.equals("/api/audit") ? "GET" : "POST";
            assertEquals(Set.of(Role.ADMIN), Permissions.find(method, path).orElseThrow().roles(), path);
        }
    }

    @Test
    void shouldLetViewersChangeNothing() {
        for (Permission p : Permissions.table()) {
            if (!p.methods().equals(Set.of("GET"))) {
                assertTrue(!p.roles().contains(Role.VIEWER), p.pattern());
            }
        }
    }

    @Test
    void shouldDocumentExactlyThisTable() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("psi.security.doc", "../../docs/security.md")));
        String begin = "<!-- permission-table:begin -->\n";
        String end = "<!-- permission-table:end -->";
        int from = doc.indexOf(begin);
        int to = doc.indexOf(end);
        assertTrue(from >= 0 && to > from, "docs/security.md lacks the permission-table markers");

        assertEquals(Permissions.markdown(), doc.substring(from + begin.length(), to),
                "docs/security.md's permission table differs from Permissions; paste Permissions.markdown()");
    }
}

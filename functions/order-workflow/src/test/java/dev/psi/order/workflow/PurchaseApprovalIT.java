package dev.psi.order.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.testing.Api;
import dev.psi.testing.Rows;
import dev.psi.testing.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DRAFT -> submit -> SUBMITTED, or PENDING_APPROVAL above the tenant's threshold (100.00 here) ->
 * approve (an admin who did not submit it) -> SUBMITTED, or reject -> REJECTED. Lines are at 10.00.
 */
@MicronautTest
class PurchaseApprovalIT extends WorkflowTestBase {

    private static final String SUBMITTED_EVENT = "psi.purchase-order.submitted.v1";

    private Api purchaser;
    private Api boss;

    @BeforeEach
    void threshold() {
        Rows.execute("INSERT INTO tenants (id, name, po_approval_threshold) VALUES (?, ?, 100.00)", tenant, tenant);
        purchaser = api.withAuthorization(bearer("pat", "purchaser"));
        boss = api.withAuthorization(bearer("boss", "admin"));
    }

    @Test
    void shouldSubmitADraftAtOrBelowTheThresholdStraightAway() {
        OrderSeed.purchaseOrderIn("DRAFT", tenant, "PO-D1", "A", 10); // 100.00: not above
        assertEquals(0L, outbox("PO-D1", SUBMITTED_EVENT));

        var submit = purchaser.post("/api/purchase-orders/PO-D1/submit", Map.of());
        assertEquals(202, submit.status(), submit.body());
        assertEquals("SUBMITTED", submit.text("status"));
        assertEquals(1L, outbox("PO-D1", SUBMITTED_EVENT), "submitted as a created order is");
        assertEquals(409, purchaser.post("/api/purchase-orders/PO-D1/submit", Map.of()).status(), "only a DRAFT is submitted");
        assertEquals(1L, outbox("PO-D1", SUBMITTED_EVENT));
        assertEquals(List.of("SUBMITTED"), statuses("/api/purchase-orders/PO-D1"));
    }

    @Test
    void shouldHoldAnOrderAboveTheThresholdUntilAnotherAdminApprovesIt() {
        OrderSeed.purchaseOrderIn("DRAFT", tenant, "PO-D2", "A", 10, "B", 1); // 110.00
        var submit = purchaser.post("/api/purchase-orders/PO-D2/submit", Map.of(), "Idempotency-Key", "s-1");
        assertEquals(202, submit.status(), submit.body());
        assertEquals("PENDING_APPROVAL", submit.text("status"));
        assertEquals(0L, outbox("PO-D2", SUBMITTED_EVENT), "nothing is sent before approval");
        assertEquals(202, purchaser.post("/api/purchase-orders/PO-D2/submit", Map.of(), "Idempotency-Key", "s-1").status(),
                "the same key answers again");

        var byPurchaser = purchaser.post("/api/purchase-orders/PO-D2/approve", Map.of());
        assertEquals(403, byPurchaser.status(), byPurchaser.body());
        assertEquals(403, api.withRoles("warehouse").post("/api/purchase-orders/PO-D2/approve", Map.of()).status());
        assertEquals(403, api.withRoles("purchaser").post("/api/purchase-orders/PO-D2/reject", Map.of()).status());
        var receive = boss.post("/api/purchase-orders/PO-D2/receipts", Map.of());
        assertEquals(409, receive.status(), "nothing is received before approval: " + receive.body());

        int version = ((Number) order("/api/purchase-orders/PO-D2").at("version")).intValue();
        var stale = boss.post("/api/purchase-orders/PO-D2/approve", Map.of(), "If-Match", "\"" + (version - 1) + "\"");
        assertEquals(412, stale.status(), stale.body());

        var approve = boss.post("/api/purchase-orders/PO-D2/approve", Map.of(), "If-Match", "\"" + version + "\"");
        assertEquals(202, approve.status(), approve.body());
        assertEquals("SUBMITTED", approve.text("status"));
        assertEquals(1L, outbox("PO-D2", SUBMITTED_EVENT));
        assertEquals(List.of("PENDING_APPROVAL", "SUBMITTED"), statuses("/api/purchase-orders/PO-D2"));
        assertEquals("boss", Rows.one("SELECT decided_by FROM purchase_orders WHERE tenant_id = ? AND number = ?",
                tenant, "PO-D2").get("decided_by"));
        assertEquals(409, boss.post("/api/purchase-orders/PO-D2/approve", Map.of()).status(), "approved once");
    }

    @Test
    void shouldNotLetTheSubmitterApproveTheirOwnOrderEvenAsAnAdmin() {
        OrderSeed.purchaseOrderIn("DRAFT", tenant, "PO-D3", "A", 20); // 200.00
        assertEquals("PENDING_APPROVAL", boss.post("/api/purchase-orders/PO-D3/submit", Map.of()).text("status"));
        var own = boss.post("/api/purchase-orders/PO-D3/approve", Map.of());
        assertEquals(403, own.status(), own.body());
        assertEquals("urn:psi:problem:forbidden", own.text("type"));
        assertEquals("PENDING_APPROVAL", order("/api/purchase-orders/PO-D3").text("status"), "unchanged");

        var other = api.withAuthorization(bearer("carol", "admin")).post("/api/purchase-orders/PO-D3/approve", Map.of());
        assertEquals(202, other.status(), other.body());
        assertEquals("SUBMITTED", other.text("status"));
    }

    @Test
    void shouldRejectAnOrderAwaitingApprovalForGood() {
        OrderSeed.purchaseOrderIn("DRAFT", tenant, "PO-D4", "A", 15); // 150.00
        assertEquals("PENDING_APPROVAL", purchaser.post("/api/purchase-orders/PO-D4/submit", Map.of()).text("status"));
        var reject = boss.post("/api/purchase-orders/PO-D4/reject", Map.of("reason", "too much at once"));
        assertEquals(202, reject.status(), reject.body());
        assertEquals("REJECTED", reject.text("status"));
        var history = order("/api/purchase-orders/PO-D4").list("history");
        var last = (Map<?, ?>) history.get(history.size() - 1);
        assertTrue(String.valueOf(last.get("reason")).contains("too much at once"), history::toString);
        assertEquals(409, boss.post("/api/purchase-orders/PO-D4/approve", Map.of()).status());
        assertEquals(409, purchaser.post("/api/purchase-orders/PO-D4/submit", Map.of()).status());
        assertEquals(0L, outbox("PO-D4", SUBMITTED_EVENT));
        var tooLong = boss.post("/api/purchase-orders/PO-D4/reject", Map.of("reason", "x".repeat(1001)));
        assertEquals(400, tooLong.status());
    }

    @Test
    void shouldCancelADraftAndListOrdersByTheNewStates() {
        OrderSeed.purchaseOrderIn("DRAFT", tenant, "PO-D5", "A", 1);
        OrderSeed.purchaseOrderIn("DRAFT", tenant, "PO-D6", "A", 1);
        var drafts = api.get("/api/purchase-orders?status=draft");
        assertEquals(200, drafts.status(), drafts.body());
        assertEquals(2, drafts.list("items").size());
        assertEquals(202, purchaser.post("/api/purchase-orders/PO-D5/cancel", Map.of()).status());
        assertEquals(1, api.get("/api/purchase-orders?status=DRAFT").list("items").size());
        var bad = api.get("/api/purchase-orders?status=WAITING");
        assertEquals(400, bad.status());
        assertTrue(bad.body().contains("PENDING_APPROVAL"), bad.body());
    }

    private List<String> statuses(String path) {
        return order(path).list("history").stream().map(h -> String.valueOf(((Map<?, ?>) h).get("to"))).toList();
    }

    private String bearer(String subject, String role) {
        return "Bearer " + TestTokens.token(TestTokens.secret(), tenant, subject, List.of(role), Duration.ofHours(1));
    }
}

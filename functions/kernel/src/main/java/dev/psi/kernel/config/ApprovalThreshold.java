package dev.psi.kernel.config;

import dev.psi.kernel.db.Tx;
import dev.psi.kernel.tenant.TenantId;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The amount above which a purchase order needs an admin's approval: the tenant's own
 * {@code tenants.po_approval_threshold}, else {@code PSI_PO_APPROVAL_THRESHOLD}
 * ({@code psi.orders.approval-threshold}); with neither, no order needs approval. An order whose
 * total equals the threshold does not need it.
 */
@Singleton
public final class ApprovalThreshold {

    private final @Nullable BigDecimal fallback;

    ApprovalThreshold(@Value("${psi.orders.approval-threshold:}") @Nullable String fallback) {
        this.fallback = parse(fallback);
    }

    static @Nullable BigDecimal parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var amount = new BigDecimal(value.trim());
            if (amount.signum() < 0) {
                throw new IllegalStateException("PSI_PO_APPROVAL_THRESHOLD must be 0 or more, was " + value);
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PSI_PO_APPROVAL_THRESHOLD must be an amount, was " + value, e);
        }
    }

    /** The threshold for {@code tenant}, read in {@code tx}; null when orders need no approval. */
    public @Nullable BigDecimal of(Tx tx, TenantId tenant) throws SQLException {
        var own = tx.one("SELECT po_approval_threshold FROM tenants WHERE id = ?",
                row -> Optional.ofNullable(row.decimal("po_approval_threshold")), tenant.value());
        return own.flatMap(o -> o).orElse(fallback);
    }
}

package dev.psi.stock.domain;

import dev.psi.contract.stock.AdjustmentReason;
import java.util.Optional;

/**
 * Which way each reason moves stock. Damage, loss, samples and expiry take stock out; found stock
 * and opening balances bring it in; a correction goes either way. A reason whose sign contradicts
 * the quantity is refused rather than silently flipped, so the ledger's reasons can be trusted.
 */
public final class AdjustmentReasons {

    private AdjustmentReasons() {
    }

    /** +1 for a reason that only adds stock, -1 for one that only removes it, 0 for either. */
    public static int sign(AdjustmentReason reason) {
        return switch (reason) {
            case FOUND, OPENING_BALANCE -> 1;
            case DAMAGE, LOSS, SAMPLE, EXPIRED -> -1;
            case CORRECTION -> 0;
        };
    }

    /** Why a quantity of {@code quantitySign} does not fit {@code reason}; empty when it does. */
    public static Optional<String> contradiction(AdjustmentReason reason, int quantitySign) {
        int expected = sign(reason);
        if (expected == 0 || expected == quantitySign) {
            return Optional.empty();
        }
        return Optional.of(reason.name() + (expected > 0 ? " adds stock: the quantity must be positive"
                : " removes stock: the quantity must be negative") + " (CORRECTION goes either way)");
    }
}

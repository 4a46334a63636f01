package dev.psi.contract.stock;

/** Why stock was adjusted by hand. */
public enum AdjustmentReason {
    DAMAGE, LOSS, FOUND, CORRECTION, SAMPLE, EXPIRED, OPENING_BALANCE
}

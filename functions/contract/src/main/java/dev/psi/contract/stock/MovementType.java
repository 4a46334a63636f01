package dev.psi.contract.stock;

/** The kinds of ledger movement; each changes on-hand, reserved or both. */
public enum MovementType {
    RECEIPT, ISSUE, RESERVE, RELEASE,
    ADJUSTMENT_IN, ADJUSTMENT_OUT,
    TRANSFER_IN, TRANSFER_OUT,
    STOCKTAKE_GAIN, STOCKTAKE_LOSS,
    RETURN_IN, RETURN_OUT
}

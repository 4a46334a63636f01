package dev.psi.contract.stock;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A stock document in a list: an adjustment, a transfer or a stocktake, with how many lines it has;
 * {@code GET .../{number}} answers it in full. {@code toWarehouseCode} only for a transfer,
 * {@code reason} only for an adjustment (its AdjustmentReason).
 */
@Serdeable
public record StockDocumentSummary(String number, String type, String warehouseCode, @Nullable String toWarehouseCode,
                                   @Nullable String reason, @Nullable String note, int lineCount,
                                   @Nullable String createdBy, Instant createdAt) {
}

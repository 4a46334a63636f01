package dev.psi.contract.finance;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A receivable or payable document, traceable to what caused it: the order, the shipment, receipt or return
 * number ({@code sourceDocument}) and the stock event ({@code sourceEventId}). {@code settled} is what receipts,
 * payments or notes have applied to it (for a note: what it has applied to others); {@code open} the rest.
 */
@Serdeable
public record FinanceDocument(String number, Side side, DocumentKind kind, String partnerCode, String orderNumber,
                              String sourceDocument, String sourceEventId, LocalDate documentDate, BigDecimal amount,
                              BigDecimal settled, BigDecimal open, List<DocumentLine> lines,
                              List<Allocation> allocations, Instant createdAt) {
}

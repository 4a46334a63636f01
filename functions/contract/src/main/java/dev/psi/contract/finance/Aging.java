package dev.psi.contract.finance;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/** Aging of receivables or payables as of {@code asOf}: a row per partner with anything open, and the total. */
@Serdeable
public record Aging(Side side, LocalDate asOf, List<AgingRow> rows, AgingRow total) {
}

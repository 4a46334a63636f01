package dev.psi.contract.catalog;

import dev.psi.contract.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The outcome of a CSV product import: every data row (numbered from 1, the header not counted)
 * with what happened to it. Good rows are stored even when other rows fail.
 */
@Serdeable
public record ImportReport(int totalRows, int created, int updated, int failed, List<Row> rows) {

    public enum Outcome { CREATED, UPDATED, FAILED }

    @Serdeable
    public record Row(int row, @Nullable String sku, Outcome outcome, List<FieldError> errors) {
    }
}

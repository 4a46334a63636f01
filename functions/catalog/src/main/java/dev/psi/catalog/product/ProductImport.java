package dev.psi.catalog.product;

import dev.psi.catalog.domain.Csv;
import dev.psi.contract.catalog.ImportReport;
import dev.psi.contract.catalog.ProductRequest;
import dev.psi.contract.problem.FieldError;
import dev.psi.kernel.db.Database;
import dev.psi.kernel.db.Tx;
import dev.psi.kernel.idempotency.IdempotentRequests.Idempotency;
import dev.psi.kernel.idempotency.Outcome;
import dev.psi.kernel.tenant.TenantId;
import dev.psi.kernel.web.ProblemException;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bulk product import from CSV with a report per row. Every row is checked by the same rules as
 * {@code POST /api/products}; a bad row is reported and skipped, the good rows are stored together.
 */
@Singleton
final class ProductImport {

    static final int MAX_ROWS = 10_000;
    static final Set<String> COLUMNS = Set.of("sku", "name", "unit", "barcode", "category", "purchaseprice",
            "saleprice", "reorderpoint", "reorderquantity", "preferredsuppliercode", "taxrate");

    private final Database database;
    private final ProductCatalog catalog;
    private final Validator validator;

    ProductImport(Database database, ProductCatalog catalog, Validator validator) {
        this.database = database;
        this.catalog = catalog;
        this.validator = validator;
    }

    enum Mode { CREATE, UPSERT }

    static Csv.Table parse(String csv) {
        Csv.Table table;
        try {
            table = Csv.parse(csv == null ? "" : csv);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("body", e.getMessage());
        }
        var unknown = table.header().stream().filter(h -> !COLUMNS.contains(h)).toList();
        if (!unknown.isEmpty() || !table.header().contains("sku")) {
            throw ProblemException.invalid("header", "columns must be among sku, name, unit, barcode, category,"
                    + " purchasePrice, salePrice, reorderPoint, reorderQuantity, preferredSupplierCode, taxRate (sku required)"
                    + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown)));
        }
        if (table.records().size() > MAX_ROWS) {
            throw ProblemException.invalid("body", "at most " + MAX_ROWS + " rows per import");
        }
        return table;
    }

    /** Stores the good rows together, in one transaction, and reports every row. */
    Outcome<ImportReport> run(TenantId tenant, Csv.Table table, Mode mode, Idempotency once) {
        return database.inTransaction(tx -> once.run(tx, () -> Outcome.of(run(tx, tenant, table, mode))));
    }

    private ImportReport run(Tx tx, TenantId tenant, Csv.Table table, Mode mode) throws SQLException {
        var rows = new ArrayList<ImportReport.Row>();
        var firstRowOfSku = new HashMap<String, Integer>();
        int created = 0;
        int updated = 0;
        for (Csv.Record record : table.records()) {
            String sku = record.get("sku");
            var errors = new ArrayList<FieldError>();
            if (record.extra().stream().anyMatch(value -> !value.isBlank())) {
                errors.add(new FieldError("row", "has " + (table.header().size() + record.extra().size())
                        + " fields but the header names " + table.header().size()
                        + " columns; quote values that contain a comma"));
            }
            ProductRequest request = toRequest(record, errors);
            validator.validate(request).forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
            if (sku != null) {
                Integer first = firstRowOfSku.putIfAbsent(sku.toLowerCase(Locale.ROOT), record.number());
                if (first != null) {
                    errors.add(new FieldError("sku", "repeats row " + first));
                }
            }
            if (errors.isEmpty()) {
                try {
                    if (mode == Mode.UPSERT && catalog.exists(tx, tenant, sku)) {
                        catalog.replace(tx, tenant, sku, null, request);
                        updated++;
                        rows.add(new ImportReport.Row(record.number(), sku, ImportReport.Outcome.UPDATED, List.of()));
                    } else {
                        catalog.create(tx, tenant, request);
                        created++;
                        rows.add(new ImportReport.Row(record.number(), sku, ImportReport.Outcome.CREATED, List.of()));
                    }
                    continue;
                } catch (ProblemException e) {
                    errors.addAll(e.errors().isEmpty() ? List.of(new FieldError("sku", e.getMessage())) : e.errors());
                }
            }
            rows.add(new ImportReport.Row(record.number(), sku, ImportReport.Outcome.FAILED, errors));
        }
        return new ImportReport(rows.size(), created, updated, rows.size() - created - updated, rows);
    }

    private static ProductRequest toRequest(Csv.Record record, List<FieldError> errors) {
        var purchasePrice = decimal(record, "purchasePrice", errors);
        var salePrice = decimal(record, "salePrice", errors);
        var reorderPoint = decimal(record, "reorderPoint", errors);
        var reorderQuantity = decimal(record, "reorderQuantity", errors);
        var taxRate = decimal(record, "taxRate", errors);
        return new ProductRequest(record.get("sku"), record.get("name"), record.get("unit"), record.get("barcode"),
                record.get("category"), purchasePrice, salePrice, reorderPoint, reorderQuantity,
                record.get("preferredSupplierCode"), taxRate, null);
    }

    private static BigDecimal decimal(Csv.Record record, String column, List<FieldError> errors) {
        String value = record.get(column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(column, "'" + value + "' is not a number"));
            return null;
        }
    }
}

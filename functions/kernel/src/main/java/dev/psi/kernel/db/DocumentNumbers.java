package dev.psi.kernel.db;

import dev.psi.kernel.tenant.TenantId;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Document numbers such as {@code PO-2026-000001}: per tenant, kind and year, without gaps. The
 * counter row is incremented in the caller's transaction, so a rolled-back document gives its
 * number back, and concurrent documents of one kind queue on that row for the rest of it: take the
 * number after every read and check of the transaction, right before the rows that carry it.
 */
public final class DocumentNumbers {

    private DocumentNumbers() {
    }

    public static String next(Tx tx, TenantId tenant, String kind, Instant now) throws SQLException {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        tx.update("INSERT INTO document_sequences (tenant_id, kind, period, last_value) VALUES (?, ?, ?, 1)"
                + " ON DUPLICATE KEY UPDATE last_value = last_value + 1", tenant.value(), kind, year);
        long value = tx.one("SELECT last_value FROM document_sequences WHERE tenant_id = ? AND kind = ? AND period = ?",
                row -> row.longValue("last_value"), tenant.value(), kind, year).orElseThrow();
        return String.format("%s-%d-%06d", kind, year, value);
    }
}

package dev.psi.reports;

import dev.psi.kernel.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The parameters every report shares, checked before any SQL runs: a 400 names the field. Days are
 * UTC days (the ledger's times are UTC); {@code to} and {@code asOf} include their whole day.
 */
final class ReportParams {

    /** The longest period a report covers: three years and a leap day. */
    static final int MAX_DAYS = 3 * 365 + 1;

    private ReportParams() {
    }

    /** A period of whole days, both ends included. */
    record Period(LocalDate from, LocalDate to) {

        int days() {
            return (int) ChronoUnit.DAYS.between(from, to) + 1;
        }

        /** The day after {@code to}: the exclusive end of the period's times. */
        LocalDate end() {
            return to.plusDays(1);
        }
    }

    /** {@code from} and {@code to} (ISO dates); without them the 30 days up to today. */
    static Period period(@Nullable String from, @Nullable String to, LocalDate today) {
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(29));
        if (start.isAfter(end)) {
            throw ProblemException.invalid("from", "must not be after to (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw ProblemException.invalid("to", "a report covers at most " + MAX_DAYS + " days");
        }
        return new Period(start, end);
    }

    static LocalDate date(String field, @Nullable String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO date (2026-01-31)");
        }
    }

    static int days(String field, @Nullable String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(field, "must be a whole number of days from 1 to " + MAX_DAYS);
    }

    /** How a report is answered: JSON unless {@code format=csv}. */
    enum Format { JSON, CSV }
}

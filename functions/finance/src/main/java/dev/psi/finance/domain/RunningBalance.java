package dev.psi.finance.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A statement's entries in date order, each with the balance after it, from an opening balance. */
public final class RunningBalance {

    /**
     * An entry: {@code debit} raises the balance (invoice, bill), {@code credit} lowers it (note, receipt,
     * payment); {@code sequence} orders entries of one day (the time they were booked).
     */
    public record Entry<T>(LocalDate date, long sequence, BigDecimal debit, BigDecimal credit, T item) {
    }

    public record Line<T>(Entry<T> entry, BigDecimal balance) {
    }

    private RunningBalance() {
    }

    public static <T> List<Line<T>> of(BigDecimal opening, List<Entry<T>> entries) {
        var sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.<Entry<T>, LocalDate>comparing(Entry::date).thenComparingLong(Entry::sequence));
        var lines = new ArrayList<Line<T>>();
        BigDecimal balance = opening;
        for (Entry<T> entry : sorted) {
            balance = balance.add(entry.debit()).subtract(entry.credit());
            lines.add(new Line<>(entry, balance));
        }
        return lines;
    }
}

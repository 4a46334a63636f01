package dev.psi.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.psi.reports.SalesRollups.Days;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesRollupsTest {

    private static final LocalDateTime DECEMBER = LocalDateTime.parse("2026-12-03T12:00:00");

    @Test
    void shouldReadTheWholeEndedMonthsFromTheSumsAndTheDaysAroundThemFromTheLedger() {
        var split = SalesRollups.split(day("2026-01-15"), day("2026-04-11"), DECEMBER);

        assertEquals(List.of(day("2026-02-01"), day("2026-03-01")), split.months());
        assertEquals(List.of(new Days(day("2026-01-15"), day("2026-02-01")), new Days(day("2026-04-01"), day("2026-04-11"))),
                split.ledger());
    }

    @Test
    void shouldReadAPeriodOfWholeEndedMonthsFromTheSumsAlone() {
        var split = SalesRollups.split(day("2025-01-01"), day("2026-01-01"), DECEMBER);

        assertEquals(12, split.months().size());
        assertEquals(List.of(), split.ledger());
    }

    @Test
    void shouldReadAMonthFromTheLedgerUntilAnHourAfterItEnded() {
        var justEnded = SalesRollups.split(day("2026-02-01"), day("2026-04-01"), LocalDateTime.parse("2026-04-01T00:59:59"));
        var settled = SalesRollups.split(day("2026-02-01"), day("2026-04-01"), LocalDateTime.parse("2026-04-01T01:00:00"));

        assertEquals(List.of(day("2026-02-01")), justEnded.months());
        assertEquals(List.of(new Days(day("2026-03-01"), day("2026-04-01"))), justEnded.ledger());
        assertEquals(List.of(day("2026-02-01"), day("2026-03-01")), settled.months());
        assertEquals(List.of(), settled.ledger());
    }

    @Test
    void shouldReadTheCurrentMonthAndAPeriodWithinAMonthFromTheLedger() {
        var current = SalesRollups.split(day("2026-12-01"), day("2026-12-04"), DECEMBER);
        var withinAMonth = SalesRollups.split(day("2026-03-02"), day("2026-03-31"), DECEMBER);

        assertFalse(current.hasMonths());
        assertEquals(List.of(new Days(day("2026-12-01"), day("2026-12-04"))), current.ledger());
        assertFalse(withinAMonth.hasMonths());
        assertEquals(List.of(new Days(day("2026-03-02"), day("2026-03-31"))), withinAMonth.ledger());
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }
}

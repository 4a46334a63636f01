package dev.psi.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.psi.kernel.web.ProblemException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReportParamsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-15");

    @Test
    void shouldDefaultToTheThirtyDaysUpToToday() {
        var period = ReportParams.period(null, " ", TODAY);

        assertEquals(LocalDate.parse("2026-02-14"), period.from());
        assertEquals(TODAY, period.to());
        assertEquals(30, period.days());
        assertEquals(LocalDate.parse("2026-03-16"), period.end());
    }

    @Test
    void shouldAcceptOneDayAndAtMostThreeYearsAndALeapDay() {
        assertEquals(1, ReportParams.period("2026-01-01", "2026-01-01", TODAY).days());
        assertEquals(1096, ReportParams.period("2023-01-01", "2025-12-31", TODAY).days());
        assertThrows(ProblemException.class, () -> ReportParams.period("2023-01-01", "2026-01-01", TODAY));
    }

    @Test
    void shouldRefuseDayCountsOutsideTheRange() {
        assertEquals(90, ReportParams.days("days", null, 90));
        assertEquals(1, ReportParams.days("days", "1", 90));
        assertThrows(ProblemException.class, () -> ReportParams.days("days", "-5", 90));
        assertThrows(ProblemException.class, () -> ReportParams.days("days", "1.5", 90));
        assertThrows(ProblemException.class, () -> ReportParams.days("days", "1097", 90));
    }
}

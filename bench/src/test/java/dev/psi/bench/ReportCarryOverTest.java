package dev.psi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BENCHMARKS.md has several writers: a regeneration by one must keep what the others wrote. */
class ReportCarryOverTest {

    static final String COLD = """
            <!-- BEGIN cold-start (issue 10; helper `cold`) -->
            ## Cold start (issue 10)

            | target | first answer ms |
            |---|---|
            | floor | 199 |
            <!-- END cold-start -->
            """;
    static final String REPORTS = """
            <!-- BEGIN reports (issue 14; written by bench/reports.sh) -->
            ## Reports (issue 14)

            | report | rows |
            |---|---:|
            | sales | 366 |
            <!-- END reports -->
            """;
    static final String HAND = "What the Reports figures say (written by hand after the run above):\n- a note\n";

    static String previous(String ownedExtra) {
        return "# PSI benchmarks\n\n## 1. Hot-SKU reservations: STALE TABLE\n\n" + ownedExtra
                + "## Notes\n\n<!-- notes:begin -->\nkeep me\n<!-- notes:end -->\n\n"
                + "<!-- bench-history (one line per run; read by the next run)\n"
                + "run=2026-11-26T22:17Z hot.a.ops=6009.9\n-->\n\n" + COLD + "\n" + REPORTS + "\n" + HAND;
    }

    @Test
    void regeneratingKeepsEveryBlockAndHandTextAfterTheHistory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, previous(""));

        new Report(file).write();

        String next = Files.readString(file);
        assertTrue(next.contains(COLD), next);
        assertTrue(next.contains(REPORTS), next);
        assertTrue(next.contains(HAND), next);
        assertTrue(next.contains("<!-- notes:begin -->\nkeep me\n<!-- notes:end -->"), next);
        assertTrue(next.contains("run=2026-11-26T22:17Z hot.a.ops=6009.9"), next);
        assertFalse(next.contains("STALE TABLE"), "the owned part is regenerated: " + next);
        // the carried part follows the history comment, in its order
        int history = next.indexOf("<!-- bench-history");
        assertTrue(history >= 0 && history < next.indexOf(COLD) && next.indexOf(COLD) < next.indexOf(REPORTS)
                && next.indexOf(REPORTS) < next.indexOf(HAND), next);
    }

    @Test
    void aBlockInsideTheOwnedPartIsKeptOnceAndRunsDoNotDuplicate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        String inside = "<!-- BEGIN chain-open-loop (issue 12) -->\n## Open loop\n| 1 |\n<!-- END chain-open-loop -->\n";
        Files.writeString(file, previous(inside + "\n"));

        new Report(file).write();
        new Report(file).write();

        String next = Files.readString(file);
        assertEquals(1, count(next, inside), next);
        assertEquals(1, count(next, COLD), next);
        assertEquals(1, count(next, REPORTS), next);
        assertEquals(1, count(next, HAND), next);
        assertEquals(3, count(next, "\nrun="), "two runs appended to the one of the history: " + next);
    }

    @Test
    void aWriterReplacesOnlyItsOwnBlock() {
        String document = previous("");
        String newReports = REPORTS.replace("| sales | 366 |", "| sales | 400 |");

        String next = MarkedBlocks.put(document, newReports);

        assertEquals(document.replace(REPORTS, newReports), next);
        String open = "<!-- BEGIN chain-open-loop (issue 12) -->\nx\n<!-- END chain-open-loop -->\n";
        String appended = MarkedBlocks.put(next, open);
        assertEquals(next + "\n" + open, appended);
        assertEquals(appended, MarkedBlocks.put(appended, open), "putting the same block again changes nothing");
        assertEquals("chain-open-loop", MarkedBlocks.name(open));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

package dev.psi.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldQuoteSeparatorsAndQuotesAndDefuseFormulas() {
        var csv = new Csv("key", "name", "value")
                .line("A,1", "say \"hi\"", new BigDecimal("1E+3"))
                .line("=HYPERLINK(\"x\")", null, new BigDecimal("-2.50"))
                .line("line\nbreak", "-minus", Instant.parse("2026-01-25T10:00:00Z"));

        assertEquals("key,name,value\r\n"
                + "\"A,1\",\"say \"\"hi\"\"\",1000\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",,-2.50\r\n"
                + "\"line\nbreak\",'-minus,2026-01-25T10:00:00Z\r\n", csv.toString());
    }
}

package dev.psi.reports;

import java.math.BigDecimal;
import java.util.List;

/**
 * RFC 4180 CSV: a header line, then one line per row, CRLF. Text that a spreadsheet would run as a
 * formula (starting with = + - @) is prefixed with a quote; numbers are written plain.
 */
final class Csv {

    private final StringBuilder out = new StringBuilder();

    Csv(String... header) {
        line((Object[]) header);
    }

    Csv line(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(values[i]));
        }
        out.append("\r\n");
        return this;
    }

    Csv lines(List<Object[]> rows) {
        rows.forEach(this::line);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

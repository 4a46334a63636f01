package dev.psi.catalog.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV: a header row, then records; fields may be quoted, with doubled quotes inside and
 * line breaks in quotes. A leading byte-order mark and CRLF or LF line ends are accepted.
 */
public final class Csv {

    /**
     * One data record, numbered from 1 (the header not counted), by lower-cased header name.
     * {@code extra} holds the fields beyond the last named column: a value there belongs to no
     * column, usually because an unquoted comma shifted the rest of the line.
     */
    public record Record(int number, Map<String, String> fields, List<String> extra) {
        public String get(String column) {
            String value = fields.get(column.toLowerCase(Locale.ROOT));
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    public record Table(List<String> header, List<Record> records) {
    }

    private Csv() {
    }

    public static Table parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = rows(text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the CSV is empty; the first line must name the columns");
        }
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        var seen = new HashSet<String>();
        for (String name : header) {
            if (!seen.add(name)) {
                // Records are read by column name: a second column of that name would silently win.
                throw new IllegalArgumentException("the column '" + name + "' appears more than once in the header");
            }
        }
        var records = new ArrayList<Record>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            var fields = new LinkedHashMap<String, String>();
            for (int c = 0; c < header.size(); c++) {
                fields.put(header.get(c), c < row.size() ? row.get(c) : null);
            }
            var extra = row.size() > header.size() ? List.copyOf(row.subList(header.size(), row.size())) : List.<String>of();
            records.add(new Record(i, fields, extra));
        }
        return new Table(header, records);
    }

    private static List<List<String>> rows(String text) {
        var rows = new ArrayList<List<String>>();
        var row = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        if (!field.isEmpty() || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}

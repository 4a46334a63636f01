package dev.psi.order.workflow.documents;

import java.util.List;

/** The HTML view of a {@link PrintedDocument}: one self-contained page, every text escaped. */
final class DocumentHtml {

    private DocumentHtml() {
    }

    static String render(PrintedDocument doc) {
        var html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(doc.title() + " " + doc.numbers().get(0).value() + " - " + doc.issuer()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#111}"
                        + "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:4px 6px;"
                        + "text-align:left}td.n,th.n{text-align:right}.meta td{border:none;padding:1px 8px 1px 0}"
                        + ".parties{display:flex;gap:3em;margin:1em 0}.totals{margin-top:1em;margin-left:auto;width:auto}"
                        + "@media print{body{margin:0}}</style></head>\n<body>\n");
        html.append("<header><div class=\"issuer\">").append(escape(doc.issuer())).append("</div><h1>")
                .append(escape(doc.title())).append("</h1></header>\n<table class=\"meta\">");
        for (var field : doc.numbers()) {
            html.append("<tr><td>").append(escape(field.label())).append("</td><td data-field=\"")
                    .append(escape(field.label())).append("\">").append(escape(field.value())).append("</td></tr>");
        }
        html.append("</table>\n<div class=\"parties\">");
        for (var party : doc.parties()) {
            html.append("<div><strong>").append(escape(party.role())).append("</strong><br>")
                    .append(escape(party.name())).append(" (").append(escape(party.code())).append(")");
            if (party.address() != null && !party.address().isBlank()) {
                html.append("<br>").append(escape(party.address()));
            }
            html.append("</div>");
        }
        html.append("</div>\n<table class=\"lines\"><thead><tr>");
        for (var column : doc.columns()) {
            html.append(column.numeric() ? "<th class=\"n\">" : "<th>").append(escape(column.label())).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (List<String> row : doc.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(doc.columns().get(i).numeric() ? "<td class=\"n\">" : "<td>").append(escape(row.get(i)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n<table class=\"totals\">");
        for (var total : doc.totals()) {
            html.append("<tr><th>").append(escape(total.label())).append("</th><td class=\"n\" data-total=\"")
                    .append(escape(total.label())).append("\">").append(escape(total.value())).append("</td></tr>");
        }
        html.append("</table>\n");
        for (String note : doc.notes()) {
            html.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** Text as HTML text and attribute content: the five characters that can end either, as entities. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

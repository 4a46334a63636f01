package dev.psi.order.workflow.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The PDF view of a {@link PrintedDocument} (Apache PDFBox): A4, Helvetica, the lines as a table that continues on
 * further pages. Helvetica is one of the standard fonts every PDF reader has, so nothing is embedded; it covers
 * Latin-1 (WinAnsi) only, and a character it cannot show (Chinese, say) is printed as '?' rather than failing the
 * document: the HTML view shows every character.
 */
final class DocumentPdf {

    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final float MARGIN = 40;
    private static final float SIZE = 8;
    private static final float LEADING = 12;

    private DocumentPdf() {
    }

    static byte[] render(PrintedDocument doc) {
        try (var pdf = new PDDocument()) {
            var info = new PDDocumentInformation();
            info.setTitle(printable(REGULAR, doc.title() + " " + doc.numbers().get(0).value()));
            info.setAuthor(printable(REGULAR, doc.issuer()));
            pdf.setDocumentInformation(info);
            new Writer(pdf, doc).write();
            var out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} with every character the font cannot encode (and every control character) replaced. */
    static String printable(PDType1Font font, String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(' ');
                return;
            }
            String s = new String(Character.toChars(cp));
            try {
                font.encode(s);
                out.append(s);
            } catch (IllegalArgumentException | IOException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    /** Writes the pages top-down, starting a new page when the next line would not fit. */
    private static final class Writer {

        private final PDDocument pdf;
        private final PrintedDocument doc;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument pdf, PrintedDocument doc) {
            this.pdf = pdf;
            this.doc = doc;
        }

        void write() throws IOException {
            newPage();
            text(BOLD, 10, MARGIN, doc.issuer());
            y -= 22;
            text(BOLD, 16, MARGIN, doc.title());
            y -= 20;
            for (var field : doc.numbers()) {
                text(REGULAR, 9, MARGIN, field.label());
                text(REGULAR, 9, MARGIN + 110, field.value());
                y -= LEADING;
            }
            y -= 8;
            float partyX = MARGIN;
            float top = y;
            float lowest = y;
            for (var party : doc.parties()) {
                y = top;
                text(BOLD, 9, partyX, party.role());
                y -= LEADING;
                text(REGULAR, 9, partyX, party.name() + " (" + party.code() + ")");
                if (party.address() != null && !party.address().isBlank()) {
                    y -= LEADING;
                    text(REGULAR, 9, partyX, party.address());
                }
                lowest = Math.min(lowest, y);
                partyX += width / 2;
            }
            y = lowest - 2 * LEADING;
            float[] widths = widths();
            header(widths);
            for (List<String> row : doc.rows()) {
                if (y < MARGIN + 2 * LEADING) {
                    newPage();
                    header(widths);
                }
                cells(REGULAR, row, widths);
            }
            y -= LEADING;
            for (var total : doc.totals()) {
                ensureRoom();
                text(BOLD, 9, MARGIN + width - 260, total.label());
                right(BOLD, 9, MARGIN + width, total.value());
                y -= LEADING;
            }
            y -= LEADING;
            for (String note : doc.notes()) {
                for (String line : wrap(note, width)) {
                    ensureRoom();
                    text(REGULAR, SIZE, MARGIN, line);
                    y -= LEADING;
                }
            }
            page.close();
        }

        private float[] widths() {
            int sum = doc.columns().stream().mapToInt(PrintedDocument.Column::weight).sum();
            float[] widths = new float[doc.columns().size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = width * doc.columns().get(i).weight() / sum;
            }
            return widths;
        }

        private void header(float[] widths) throws IOException {
            cells(BOLD, doc.columns().stream().map(PrintedDocument.Column::label).toList(), widths);
            page.moveTo(MARGIN, y + LEADING - 3);
            page.lineTo(MARGIN + width, y + LEADING - 3);
            page.stroke();
        }

        private void cells(PDType1Font font, List<String> cells, float[] widths) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < cells.size(); i++) {
                String cell = fit(font, printable(font, cells.get(i)), widths[i] - 4);
                if (doc.columns().get(i).numeric()) {
                    right(font, SIZE, x + widths[i] - 2, cell);
                } else {
                    show(font, SIZE, x, cell);
                }
                x += widths[i];
            }
            y -= LEADING;
        }

        private void ensureRoom() throws IOException {
            if (y < MARGIN + LEADING) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            var next = new PDPage(PDRectangle.A4);
            pdf.addPage(next);
            page = new PDPageContentStream(pdf, next);
            page.setLineWidth(0.5f);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void text(PDType1Font font, float size, float x, String text) throws IOException {
            show(font, size, x, printable(font, text));
        }

        private void right(PDType1Font font, float size, float rightX, String text) throws IOException {
            String printable = printable(font, text);
            show(font, size, rightX - font.getStringWidth(printable) / 1000 * size, printable);
        }

        private void show(PDType1Font font, float size, float x, String printable) throws IOException {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(printable);
            page.endText();
        }

        /** The text cut to {@code max} points, ending in "..." when cut. */
        private static String fit(PDType1Font font, String text, float max) throws IOException {
            if (font.getStringWidth(text) / 1000 * SIZE <= max) {
                return text;
            }
            String cut = text;
            while (!cut.isEmpty() && font.getStringWidth(cut + "...") / 1000 * SIZE > max) {
                cut = cut.substring(0, cut.length() - 1);
            }
            return cut + "...";
        }

        private static List<String> wrap(String text, float max) throws IOException {
            var lines = new ArrayList<String>();
            var line = new StringBuilder();
            for (String word : printable(REGULAR, text).split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (REGULAR.getStringWidth(candidate) / 1000 * SIZE > max && !line.isEmpty()) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}

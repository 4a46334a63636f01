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
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * The PDF view of a {@link PrintedDocument} (Apache PDFBox): A4, the lines as a table that continues on further
 * pages. Text is set in Helvetica, one of the standard fonts every PDF reader has (nothing embedded); what Helvetica
 * cannot show (it covers Latin-1 only: Chinese names, say) is set in the {@link FallbackFont}, embedded as a subset of
 * the glyphs used, and a character neither has (or every such character, with no fallback font) is printed as '?'
 * rather than failing the document. So a document without such characters embeds nothing and never reads the font.
 */
final class DocumentPdf {

    private static final float MARGIN = 40;
    private static final float SIZE = 8;
    private static final float LEADING = 12;

    private DocumentPdf() {
    }

    static byte[] render(PrintedDocument doc, FallbackFont fallback) {
        try (var pdf = new PDDocument()) {
            var info = new PDDocumentInformation();
            // The information dictionary takes any Unicode text (PDFBox writes UTF-16 where needed): no font involved.
            info.setTitle(plain(doc.title() + " " + doc.numbers().get(0).value()));
            info.setAuthor(plain(doc.issuer()));
            pdf.setDocumentInformation(info);
            new Writer(pdf, doc, new Fonts(pdf, fallback)).write();
            var out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(String text) {
        return text == null ? "" : text.codePoints().map(cp -> Character.isISOControl(cp) ? ' ' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** A piece of text in one font. */
    record Run(PDFont font, String text) {
    }

    /**
     * One document's fonts: Helvetica (regular and bold) first, then the fallback font, loaded into the document the
     * first time a character needs it. Bold text in the fallback font (which has no bold face) is drawn with a thin
     * outline as well as filled.
     */
    static final class Fonts {

        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final PDDocument pdf;
        private final FallbackFont fallback;
        private PDType0Font embedded;

        Fonts(PDDocument pdf, FallbackFont fallback) {
            this.pdf = pdf;
            this.fallback = fallback;
        }

        /** {@code text} as runs, each character in the first font that has it; control characters become spaces. */
        List<Run> runs(boolean strong, String text) throws IOException {
            PDFont latin = strong ? bold : regular;
            var runs = new ArrayList<Run>();
            var run = new StringBuilder();
            PDFont current = null;
            for (int cp : (text == null ? "" : text).codePoints().toArray()) {
                String s = Character.isISOControl(cp) ? " " : new String(Character.toChars(cp));
                PDFont font = latin;
                if (!encodes(latin, s)) {
                    var other = fallback.font();
                    if (other.isPresent() && other.get().covers(cp)) {
                        font = embedded(other.get());
                    } else {
                        s = "?";
                    }
                }
                if (font != current && !run.isEmpty()) {
                    runs.add(new Run(current, run.toString()));
                    run.setLength(0);
                }
                current = font;
                run.append(s);
            }
            if (!run.isEmpty()) {
                runs.add(new Run(current, run.toString()));
            }
            return runs;
        }

        static float width(List<Run> runs, float size) throws IOException {
            float width = 0;
            for (Run run : runs) {
                width += run.font().getStringWidth(run.text()) / 1000 * size;
            }
            return width;
        }

        boolean isFallback(PDFont font) {
            return font == embedded;
        }

        private PDType0Font embedded(FallbackFont.Loaded font) throws IOException {
            if (embedded == null) {
                embedded = PDType0Font.load(pdf, font.font(), true);
            }
            return embedded;
        }

        private static boolean encodes(PDFont font, String s) {
            try {
                font.encode(s);
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }

    /** Writes the pages top-down, starting a new page when the next line would not fit. */
    private static final class Writer {

        private static final boolean BOLD = true;
        private static final boolean REGULAR = false;

        private final PDDocument pdf;
        private final PrintedDocument doc;
        private final Fonts fonts;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument pdf, PrintedDocument doc, Fonts fonts) {
            this.pdf = pdf;
            this.doc = doc;
            this.fonts = fonts;
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
                right(BOLD, 9, MARGIN + width, fonts.runs(BOLD, total.value()));
                y -= LEADING;
            }
            y -= LEADING;
            for (String note : doc.notes()) {
                for (List<Run> line : wrap(note, width)) {
                    ensureRoom();
                    show(REGULAR, SIZE, MARGIN, line);
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

        private void cells(boolean strong, List<String> cells, float[] widths) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < cells.size(); i++) {
                List<Run> cell = fit(strong, cells.get(i), widths[i] - 4);
                if (doc.columns().get(i).numeric()) {
                    right(strong, SIZE, x + widths[i] - 2, cell);
                } else {
                    show(strong, SIZE, x, cell);
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

        private void text(boolean strong, float size, float x, String text) throws IOException {
            show(strong, size, x, fonts.runs(strong, text));
        }

        private void right(boolean strong, float size, float rightX, List<Run> runs) throws IOException {
            show(strong, size, rightX - Fonts.width(runs, size), runs);
        }

        /** One text object: each run advances the pen by its own width, so the runs sit side by side. */
        private void show(boolean strong, float size, float x, List<Run> runs) throws IOException {
            page.beginText();
            page.newLineAtOffset(x, y);
            boolean outlined = false;
            for (Run run : runs) {
                page.setFont(run.font(), size);
                boolean outline = strong && fonts.isFallback(run.font());
                if (outline != outlined) {
                    // A fake bold face: filled and stroked with a line of 1/30 em (the line width is reset below).
                    page.setRenderingMode(outline ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
                    page.setLineWidth(outline ? size / 30 : 0.5f);
                    outlined = outline;
                }
                page.showText(run.text());
            }
            if (outlined) {
                page.setRenderingMode(RenderingMode.FILL);
                page.setLineWidth(0.5f);
            }
            page.endText();
        }

        /** The text cut to {@code max} points, ending in "..." when cut. */
        private List<Run> fit(boolean strong, String text, float max) throws IOException {
            List<Run> runs = fonts.runs(strong, text);
            if (Fonts.width(runs, SIZE) <= max) {
                return runs;
            }
            int[] cps = text.codePoints().toArray();
            for (int n = cps.length - 1; n >= 0; n--) {
                runs = fonts.runs(strong, new String(cps, 0, n) + "...");
                if (Fonts.width(runs, SIZE) <= max) {
                    return runs;
                }
            }
            return runs;
        }

        /** The text as lines no wider than {@code max}, broken at spaces (a longer word keeps its own line). */
        private List<List<Run>> wrap(String text, float max) throws IOException {
            var lines = new ArrayList<List<Run>>();
            String line = "";
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (Fonts.width(fonts.runs(REGULAR, candidate), SIZE) > max && !line.isEmpty()) {
                    lines.add(fonts.runs(REGULAR, line));
                    line = word;
                } else {
                    line = candidate;
                }
            }
            if (!line.isEmpty()) {
                lines.add(fonts.runs(REGULAR, line));
            }
            return lines;
        }
    }
}

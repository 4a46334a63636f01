package dev.psi.order.workflow.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.psi.order.workflow.documents.PrintedDocument.Column;
import dev.psi.order.workflow.documents.PrintedDocument.Field;
import dev.psi.order.workflow.documents.PrintedDocument.Party;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF view with and without a fallback font, on the fonts of this machine: Chinese text in an embedded subset,
 * '?' without one, never an exception. Where no CJK font is installed the tests that need one skip, except under
 * {@code CI=true}, where .ci/run installs fonts-wqy-microhei and a missing font fails them.
 */
class DocumentPdfTest {

    private static final String CUSTOMER = "华东商贸有限公司";
    private static final String PRODUCT = "绿茶 500g";

    private static PrintedDocument aDocument(String issuer, String customer, String product) {
        return new PrintedDocument("Delivery note", issuer, List.of(new Field("Delivery note", "SH-2026-000001")),
                List.of(new Party("Customer", customer, "CUS1", "上海市浦东新区 88号"),
                        new Party("Warehouse", "Main", "WH1", null)),
                List.of(new Column("SKU", false, 3), new Column("Product", false, 8), new Column("Shipped", true, 2)),
                List.of(List.of("TEA-500", product, "2"), List.of("B", "Screwdriver", "1")), List.of(),
                List.of("Goods shipped from warehouse WH1."), "delivery-note-SH-2026-000001");
    }

    /** The machine's fallback font, as the function finds it with PSI_DOCUMENT_FONT as set here. */
    private static FallbackFont machineFont() {
        var font = FallbackFont.configured(System.getenv("PSI_DOCUMENT_FONT"));
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assumeTrue(ci || font.font().isPresent(), "no CJK font on this machine (apt-get install fonts-wqy-microhei)");
        assertTrue(font.font().isPresent(), "CI installs fonts-wqy-microhei (.ci/run): none of "
                + FallbackFont.WELL_KNOWN + " is usable");
        return font;
    }

    @Test
    void shouldSetChineseNamesInAnEmbeddedSubsetOfTheFallbackFont() throws IOException {
        FallbackFont font = machineFont();
        byte[] pdf = DocumentPdf.render(aDocument("杭州茶业 & Co", CUSTOMER, PRODUCT), font);

        String text = text(pdf);
        assertTrue(text.contains(CUSTOMER + " (CUS1)"), text);
        assertTrue(text.contains(PRODUCT), text);
        assertTrue(text.contains("上海市浦东新区 88号"), text);
        assertTrue(text.contains("杭州茶业 & Co"), "the issuer, bold: " + text);
        assertFalse(text.contains("?"), text);
        List<PDFont> fonts = fonts(pdf);
        var embedded = fonts.stream().filter(f -> f instanceof PDType0Font).toList();
        assertEquals(1, embedded.size(), "one fallback font per document: " + fonts);
        assertTrue(embedded.get(0).isEmbedded(), embedded.get(0).getName());
        assertTrue(embedded.get(0).getName().matches("[A-Z]{6}\\+.+"), "a subset's name: " + embedded.get(0).getName());
        long fontFile = Files.size(font.font().orElseThrow().file());
        assertTrue(pdf.length < 100_000 && pdf.length * 20L < fontFile,
                "a subset, not the whole font file of " + fontFile + " bytes: " + pdf.length);
    }

    @Test
    void shouldEmbedNoFontWhenHelveticaShowsEveryCharacter() throws IOException {
        byte[] latin = DocumentPdf.render(new PrintedDocument("Invoice", "Acme", List.of(new Field("Invoice", "1")),
                List.of(new Party("Customer", "Smith", "C1", "1 High Street")), List.of(new Column("SKU", false, 1)),
                List.of(List.of("A")), List.of(new Field("Total", "9.99")), List.of(), "x"), machineFont());
        assertTrue(fonts(latin).stream().noneMatch(PDFont::isEmbedded), "Helvetica only: " + fonts(latin));
        assertTrue(text(latin).contains("Smith (C1)") && text(latin).contains("9.99"), text(latin));
    }

    @Test
    void shouldPrintQuestionMarksWithoutAnyUsableFont(@TempDir Path dir) throws IOException {
        Path notAFont = Files.writeString(dir.resolve("broken.ttf"), "not a font");
        var none = new FallbackFont(List.of(dir.resolve("missing.ttc"), notAFont));

        byte[] pdf = DocumentPdf.render(aDocument("Acme", CUSTOMER, PRODUCT), none);

        String text = text(pdf);
        assertTrue(text.contains("???????? (CUS1)"), text);
        assertTrue(text.contains("?? 500g"), text);
        assertTrue(fonts(pdf).stream().noneMatch(PDFont::isEmbedded), "nothing embedded: " + fonts(pdf));
        assertTrue(none.font().isEmpty());
    }

    @Test
    void shouldSkipAConfiguredFileThatIsNoFontForTheWellKnownOnes(@TempDir Path dir) throws IOException {
        machineFont();
        Path notAFont = Files.writeString(dir.resolve("broken.ttf"), "not a font");

        byte[] pdf = DocumentPdf.render(aDocument("Acme", CUSTOMER, PRODUCT),
                FallbackFont.configured(notAFont.toString()));

        assertTrue(text(pdf).contains(CUSTOMER), text(pdf));
    }

    @Test
    void shouldReplaceWhatNeitherFontHasAndCutLongChineseCells() throws IOException {
        FallbackFont font = machineFont();
        String longName = "特级西湖龙井明前春茶礼盒装二百五十克".repeat(3);
        byte[] pdf = DocumentPdf.render(aDocument("Acme", "茶\uD83C\uDF75铺", longName), font);

        String text = text(pdf);
        assertTrue(text.contains("茶?铺 (CUS1)"), "a character no font has (U+1F375) is '?': " + text);
        assertTrue(text.contains("特级西湖龙井明前") && text.contains("..."), "cut to its column: " + text);
        assertFalse(text.contains(longName), text);
    }

    @Test
    void shouldRenderConcurrentlyFromOneFontLoadedOnce() throws Exception {
        FallbackFont font = machineFont();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var results = new ArrayList<Future<String>>();
            for (int i = 0; i < 16; i++) {
                String product = "绿茶" + "一二三四五六七八九十".charAt(i % 10) + " " + i;
                results.add(pool.submit((Callable<String>) () ->
                        text(DocumentPdf.render(aDocument("Acme", CUSTOMER, product), font)) + "|" + product));
            }
            for (var result : results) {
                String[] textAndProduct = result.get().split("\\|");
                assertTrue(textAndProduct[0].contains(textAndProduct[1]) && textAndProduct[0].contains(CUSTOMER),
                        textAndProduct[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<PDFont> fonts(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            var fonts = new ArrayList<PDFont>();
            for (var page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    if (fonts.stream().noneMatch(f -> f.getName().equals(font.getName()))) {
                        fonts.add(font);
                    }
                }
            }
            return fonts;
        }
    }
}

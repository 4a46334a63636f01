package dev.psi.order.workflow.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The font a PDF falls back to for what Helvetica cannot show (Chinese names, above all): a TrueType font file (.ttf,
 * or the first font of a .ttc collection) on the file system, embedded as a subset of the glyphs a document uses.
 * It is the configured file ({@code PSI_DOCUMENT_FONT}) or else the first of some well-known system fonts that
 * exists (the container image and CI install Debian's {@code fonts-wqy-microhei}). Nothing is read until a document
 * first needs a character Helvetica lacks; then the file is parsed once for the JVM and shared (fontbox's
 * {@link TrueTypeFont} synchronizes its table reads, as PDFBox's own font cache relies on). With no usable file,
 * {@link #font()} is empty and the PDF prints such characters as '?'.
 */
public final class FallbackFont {

    /**
     * TrueType-outline fonts that cover Simplified Chinese, where Linux distributions (and the other systems a
     * developer may run the function on) install them. Noto Sans CJK / Source Han are left out on purpose: their
     * outlines are CFF, which PDFBox cannot embed as a subset.
     */
    static final List<Path> WELL_KNOWN = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),   // Debian, Ubuntu: fonts-wqy-microhei
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),     // Debian, Ubuntu: fonts-wqy-zenhei
            Path.of("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),   // Fedora, RHEL
            Path.of("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), // fonts-droid-fallback
            Path.of("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf"),
            Path.of("/System/Library/Fonts/STHeiti Light.ttc"),         // macOS
            Path.of("/Library/Fonts/Arial Unicode.ttf"),
            Path.of("C:/Windows/Fonts/msyh.ttc"),                        // Windows: Microsoft YaHei
            Path.of("C:/Windows/Fonts/simsun.ttc"));

    private static final Logger LOG = LoggerFactory.getLogger(FallbackFont.class);

    /** A parsed font and its Unicode map, which answers "has a glyph" without an exception per character. */
    record Loaded(Path file, TrueTypeFont font, CmapLookup cmap) {

        boolean covers(int codePoint) {
            return cmap.getGlyphId(codePoint) != 0;
        }
    }

    private final List<Path> candidates;
    private final Path configured;
    private volatile Optional<Loaded> loaded;

    FallbackFont(List<Path> candidates) {
        this(candidates, null);
    }

    private FallbackFont(List<Path> candidates, Path configured) {
        this.candidates = List.copyOf(candidates);
        this.configured = configured;
    }

    /** The configured file (blank or null: none) first, then the well-known ones. */
    public static FallbackFont configured(String file) {
        var candidates = new ArrayList<Path>();
        Path configured = file == null || file.isBlank() ? null : Path.of(file.strip());
        if (configured != null) {
            candidates.add(configured);
        }
        candidates.addAll(WELL_KNOWN);
        return new FallbackFont(candidates, configured);
    }

    /** Whether a candidate serves (which parses it, once). */
    public boolean isUsable() {
        return font().isPresent();
    }

    /** The font, parsed on the first call (once, whichever thread asks first); empty when no candidate serves. */
    Optional<Loaded> font() {
        Optional<Loaded> font = loaded;
        if (font == null) {
            synchronized (this) {
                font = loaded;
                if (font == null) {
                    font = load();
                    loaded = font;
                }
            }
        }
        return font;
    }

    private Optional<Loaded> load() {
        for (Path file : candidates) {
            if (!Files.isRegularFile(file)) {
                if (file.equals(configured)) {
                    LOG.warn("PSI_DOCUMENT_FONT names {}, which is no file: trying the system fonts", file);
                }
                continue;
            }
            try {
                long start = System.nanoTime();
                var font = parse(file);
                LOG.info("PDF documents embed {} ({}, read in {} ms) for characters Helvetica cannot show", file,
                        font.font().getName(), (System.nanoTime() - start) / 1_000_000);
                return Optional.of(font);
            } catch (IOException | RuntimeException e) {
                LOG.warn("PDF documents cannot use the font {}: {}", file, e.toString());
            }
        }
        LOG.warn("No font for characters Helvetica cannot show (set PSI_DOCUMENT_FONT to a TrueType file, or install"
                + " fonts-wqy-microhei): PDF documents print them as '?'");
        return Optional.empty();
    }

    private static Loaded parse(Path file) throws IOException {
        TrueTypeFont font;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ttc")) {
            // Kept open for the JVM's life: the collection's fonts read their tables from its stream.
            var collection = new TrueTypeCollection(file.toFile());
            var first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            if (first[0] == null) {
                throw new IOException("an empty font collection");
            }
            font = first[0];
        } else if (name.endsWith(".otf")) {
            font = new OTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        } else {
            font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        }
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            throw new IOException("CFF outlines, which PDFBox cannot embed as a subset: use a TrueType-outline font");
        }
        CmapLookup cmap = font.getUnicodeCmapLookup(false);
        if (cmap == null) {
            throw new IOException("no Unicode character map");
        }
        return new Loaded(file, font, cmap);
    }
}

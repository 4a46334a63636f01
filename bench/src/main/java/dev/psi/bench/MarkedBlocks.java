package dev.psi.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of BENCHMARKS.md that belong to one writer each: a block from {@code <!-- BEGIN name ...-->} to
 * {@code <!-- END name -->}. A writer replaces its own block (or appends it when the file has none yet) and
 * leaves every other byte of the file as it was; {@link Report} carries every block it finds over when it
 * regenerates its part of the file.
 */
final class MarkedBlocks {

    /** A whole block with the newline after its END marker, if any; group 1 is its name. */
    private static final Pattern BLOCK = Pattern.compile("<!-- BEGIN (\\S+)[^\\n]*?-->.*?<!-- END \\1 -->\\n?",
            Pattern.DOTALL);

    private MarkedBlocks() {
    }

    /** Every block in {@code text}, in order, each as it stands there (with its trailing newline). */
    static List<String> all(String text) {
        var blocks = new ArrayList<String>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(m.group());
        }
        return blocks;
    }

    /** The name of {@code block}: the word after {@code BEGIN}. */
    static String name(String block) {
        Matcher m = BLOCK.matcher(block);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("not a marked block: " + block.lines().findFirst().orElse(""));
        }
        return m.group(1);
    }

    /**
     * {@code document} with {@code block} in place of the block of the same name, or appended after a blank line
     * when there is none; everything else unchanged.
     */
    static String put(String document, String block) {
        String name = name(block);
        String own = block.endsWith("\n") ? block : block + "\n";
        Matcher m = BLOCK.matcher(document);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return document.substring(0, m.start()) + own + document.substring(m.end());
            }
        }
        if (document.isEmpty()) {
            return own;
        }
        return document + (document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n") + own;
    }
}

package dev.psi.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void printableAsciiPassesUnchangedLikeTheJavaSdk() {
        assertEquals("psi.sales-order.placed.v1", HeaderValues.encode("psi.sales-order.placed.v1"));
        assertEquals("a b 100%", HeaderValues.encode("a b 100%"));
    }

    @Test
    void anythingElseIsPercentEncodedAsTheHttpBindingSays() {
        assertEquals("Zo%C3%AB%20%E5%BC%A0", HeaderValues.encode("Zoë 张"));
        assertEquals("line%0Abreak", HeaderValues.encode("line\nbreak"));
    }
}

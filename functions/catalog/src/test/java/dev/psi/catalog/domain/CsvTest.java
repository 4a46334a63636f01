package dev.psi.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void shouldReadRecordsByLowerCasedHeaderName() {
        var table = Csv.parse("SKU,Name,salePrice\nA-1,Green tea,12.50\n");

        assertEquals(List.of("sku", "name", "saleprice"), table.header());
        assertEquals(1, table.records().size());
        var record = table.records().get(0);
        assertEquals(1, record.number());
        assertEquals("A-1", record.get("sku"));
        assertEquals("12.50", record.get("salePrice"));
    }

    @Test
    void shouldKeepCommasAndLineBreaksInsideQuotes() {
        var table = Csv.parse("sku,name\nA-1,\"Tea, green\"\nA-2,\"two\nlines\"\n");

        assertEquals("Tea, green", table.records().get(0).get("name"));
        assertEquals("two\nlines", table.records().get(1).get("name"));
        assertEquals(2, table.records().size());
    }

    @Test
    void shouldTurnDoubledQuotesIntoOneQuote() {
        var table = Csv.parse("sku,name\nA-1,\"The \"\"best\"\" tea\"\nA-2,\"\"\"\"\n");

        assertEquals("The \"best\" tea", table.records().get(0).get("name"));
        assertEquals("\"", table.records().get(1).get("name"));
    }

    @Test
    void shouldAcceptCrlfLineEnds() {
        var table = Csv.parse("sku,name\r\nA-1,Green tea\r\nA-2,Black tea\r\n");

        assertEquals(List.of("sku", "name"), table.header());
        assertEquals(List.of("Green tea", "Black tea"), table.records().stream().map(r -> r.get("name")).toList());
        assertEquals(Map.of("sku", "A-2", "name", "Black tea"), table.records().get(1).fields());
    }

    @Test
    void shouldIgnoreALeadingByteOrderMark() {
        var table = Csv.parse("\uFEFFsku,name\nA-1,Green tea\n");

        assertEquals("sku", table.header().get(0));
        assertEquals("A-1", table.records().get(0).get("sku"));
    }

    @Test
    void shouldSkipBlankLinesButNumberRecordsByTheirLineAfterTheHeader() {
        var table = Csv.parse("sku,name\n\nA-1,Green tea\n   \nA-2,Black tea\n\n");

        assertEquals(List.of("A-1", "A-2"), table.records().stream().map(r -> r.get("sku")).toList());
        assertEquals(List.of(2, 4), table.records().stream().map(Csv.Record::number).toList());
    }

    @Test
    void shouldReadTheLastRecordWithoutATrailingLineBreak() {
        var table = Csv.parse("sku,name\nA-1,Green tea");

        assertEquals("Green tea", table.records().get(0).get("name"));
    }

    @Test
    void shouldTreatBlankAndMissingValuesAsAbsentAndTrimTheRest() {
        var table = Csv.parse("sku,name,category\n  A-1  ,   \nA-2\n");

        var first = table.records().get(0);
        assertEquals("A-1", first.get("sku"));
        assertNull(first.get("name"));
        assertNull(first.get("category"));
        assertNull(table.records().get(1).get("name"));
    }

    @Test
    void shouldKeepValuesBeyondTheHeaderAsExtra() {
        var table = Csv.parse("sku,name\nA-1,Tea, green\nA-2,Black tea\n");

        assertEquals(List.of(" green"), table.records().get(0).extra());
        assertEquals(List.of(), table.records().get(1).extra());
    }

    @Test
    void shouldRefuseAnUnclosedQuote() {
        var e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("sku,name\nA-1,\"Green tea\n"));

        assertTrue(e.getMessage().contains("not closed"), e.getMessage());
    }

    @Test
    void shouldRefuseAnEmptyText() {
        assertThrows(IllegalArgumentException.class, () -> Csv.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("\uFEFF"));
    }

    @Test
    void shouldRefuseAHeaderThatNamesAColumnTwice() {
        var e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("sku,name,Name\nA-1,a,b\n"));

        assertTrue(e.getMessage().contains("'name'"), e.getMessage());
    }
}

package dev.psi.order.workflow.documents;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A printable document as its two views (HTML and PDF) show it: every text already formatted, so that the views
 * only lay it out and neither computes a figure.
 *
 * @param title    "Delivery note", "Sales invoice", "Goods-received note"
 * @param issuer   the tenant's name
 * @param numbers  the document's numbers and dates (invoice, order, shipment or receipt)
 * @param parties  the customer or supplier, and the warehouse
 * @param columns  the lines' columns
 * @param rows     one row of cells per line, as many as there are columns
 * @param totals   the figures under the lines
 * @param notes    remarks printed at the end (where a number comes from, say)
 * @param fileName the name a download is offered under, without extension
 */
public record PrintedDocument(String title, String issuer, List<Field> numbers, List<Party> parties,
                              List<Column> columns, List<List<String>> rows, List<Field> totals, List<String> notes,
                              String fileName) {

    /** A labelled value. */
    public record Field(String label, String value) {
    }

    /** Who or where: its role ("Customer", "Warehouse"), name, code and address when known. */
    public record Party(String role, String name, String code, @Nullable String address) {
    }

    /** A column of the lines: numbers are right-aligned; {@code weight} is its share of the width. */
    public record Column(String label, boolean numeric, int weight) {
    }
}

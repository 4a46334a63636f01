package dev.psi.order.workflow.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the lines of a receipt, shipment or return into quantities per order line, checking each
 * against what the line allows. Problems are collected per request line (field, message).
 */
public final class LinePlan {

    public record Requested(String sku, BigDecimal quantity) {
    }

    public record Problem(String field, String message) {
    }

    public record Result(Map<OrderLineState, BigDecimal> quantities, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty() && !quantities.isEmpty();
        }
    }

    private LinePlan() {
    }

    /** An explicit empty list of lines names nothing: it is refused, not read as "the rest". */
    public static Problem empty(String done) {
        return new Problem("lines", "must not be empty: name the lines to be " + done
                + ", or send no lines for all that is left");
    }

    /**
     * All that each line still allows (a shipment or receipt of "the rest", asked by sending no lines).
     *
     * @param limit what each line allows (open quantity, or returnable)
     * @param done the verb for messages: shipped, received, returned
     */
    public static Result rest(List<OrderLineState> lines, Function<OrderLineState, BigDecimal> limit, String done) {
        var quantities = new LinkedHashMap<OrderLineState, BigDecimal>();
        for (OrderLineState line : lines) {
            if (limit.apply(line).signum() > 0) {
                quantities.put(line, limit.apply(line));
            }
        }
        var problems = quantities.isEmpty() ? List.of(new Problem("lines", "nothing is left to be " + done)) : List.<Problem>of();
        return new Result(quantities, problems);
    }

    /**
     * The requested lines, each checked against what its order line allows. An empty list names
     * nothing: it is a problem, not "the rest" (for that, send no lines at all).
     *
     * @param limit what each line allows (open quantity, or returnable)
     * @param done the verb for messages: shipped, received, returned
     */
    public static Result of(List<OrderLineState> lines, List<Requested> requested,
                            Function<OrderLineState, BigDecimal> limit, String done) {
        var quantities = new LinkedHashMap<OrderLineState, BigDecimal>();
        var problems = new ArrayList<Problem>();
        if (requested.isEmpty()) {
            problems.add(empty(done));
            return new Result(quantities, problems);
        }
        var bySku = new HashMap<String, OrderLineState>();
        lines.forEach(line -> bySku.put(line.sku().toLowerCase(), line));
        for (int i = 0; i < requested.size(); i++) {
            var request = requested.get(i);
            String field = "lines[" + i + "]";
            OrderLineState line = bySku.get(request.sku().toLowerCase());
            if (line == null) {
                problems.add(new Problem(field + ".sku", "SKU '" + request.sku() + "' is not on this order"));
            } else if (quantities.containsKey(line)) {
                problems.add(new Problem(field + ".sku", "SKU '" + request.sku() + "' appears twice"));
            } else if (request.quantity().compareTo(limit.apply(line)) > 0) {
                problems.add(new Problem(field + ".quantity", "at most " + limit.apply(line).stripTrailingZeros().toPlainString()
                        + " of '" + line.sku() + "' can be " + done + " now"));
            } else {
                quantities.put(line, request.quantity());
            }
        }
        return new Result(quantities, problems);
    }
}

package dev.psi.finance.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a receipt or payment may allocate, before any document is read: each document at most once, and the
 * allocations together at most the amount paid (the rest stays on account). Whether a document still has that
 * much open is the guarded UPDATE's question, asked where it cannot race.
 */
public final class AllocationRules {

    /** A requested allocation: the document it names and how much. */
    public record Requested(String documentNumber, BigDecimal amount) {
    }

    /** A broken rule: the field (e.g. {@code allocations[1].documentNumber}) and why. */
    public record Violation(String field, String message) {
    }

    private AllocationRules() {
    }

    public static List<Violation> check(BigDecimal amount, List<Requested> allocations) {
        var violations = new ArrayList<Violation>();
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < allocations.size(); i++) {
            Requested allocation = allocations.get(i);
            if (!seen.add(allocation.documentNumber().toUpperCase(Locale.ROOT))) {
                violations.add(new Violation("allocations[" + i + "].documentNumber",
                        "names " + allocation.documentNumber() + " a second time: allocate to each document once"));
            }
            total = total.add(allocation.amount());
        }
        over(amount, total).ifPresent(violations::add);
        return violations;
    }

    private static Optional<Violation> over(BigDecimal amount, BigDecimal total) {
        if (total.compareTo(amount) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Violation("allocations", "add up to " + Money.plain(total).toPlainString()
                + ", more than the amount " + Money.plain(amount).toPlainString()));
    }
}

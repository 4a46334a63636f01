package dev.psi.finance.domain;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** One partner's (or the total's) open amounts per bucket and unapplied credit; balance = buckets - unapplied. */
public final class AgingTotals {

    private final Map<AgingBucket, BigDecimal> buckets = new EnumMap<>(AgingBucket.class);
    private BigDecimal unapplied = BigDecimal.ZERO;

    public AgingTotals() {
        for (AgingBucket bucket : AgingBucket.values()) {
            buckets.put(bucket, BigDecimal.ZERO);
        }
    }

    public void open(AgingBucket bucket, BigDecimal amount) {
        buckets.merge(bucket, amount, BigDecimal::add);
    }

    public void unapplied(BigDecimal amount) {
        unapplied = unapplied.add(amount);
    }

    public void add(AgingTotals other) {
        other.buckets.forEach(this::open);
        unapplied(other.unapplied);
    }

    public BigDecimal bucket(AgingBucket bucket) {
        return buckets.get(bucket);
    }

    public BigDecimal unapplied() {
        return unapplied;
    }

    public BigDecimal balance() {
        return buckets.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).subtract(unapplied);
    }

    public boolean isZero() {
        return unapplied.signum() == 0 && buckets.values().stream().allMatch(v -> v.signum() == 0);
    }
}

package dev.psi.finance.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The age buckets of an aging report, by whole days from the document's date to the as-of date. */
public enum AgingBucket {
    DAYS_0_30(0, 30),
    DAYS_31_60(31, 60),
    DAYS_61_90(61, 90),
    OVER_90(91, Long.MAX_VALUE);

    private final long from;
    private final long to;

    AgingBucket(long from, long to) {
        this.from = from;
        this.to = to;
    }

    /** The bucket of a document dated {@code documentDate} as of {@code asOf} (not before it). */
    public static AgingBucket of(LocalDate documentDate, LocalDate asOf) {
        long days = ChronoUnit.DAYS.between(documentDate, asOf);
        if (days < 0) {
            throw new IllegalArgumentException("document dated " + documentDate + " is after " + asOf);
        }
        for (AgingBucket bucket : values()) {
            if (days >= bucket.from && days <= bucket.to) {
                return bucket;
            }
        }
        throw new IllegalStateException("no bucket for " + days + " days");
    }
}

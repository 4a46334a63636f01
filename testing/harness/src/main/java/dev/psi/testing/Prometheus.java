package dev.psi.testing;

import java.util.regex.Pattern;

/** Reads figures out of a function's {@code /prometheus} exposition. */
public final class Prometheus {

    private Prometheus() {
    }

    /** The sum over every series of {@code metric} whose {@code label} is {@code value} (0 when there is none). */
    public static double sum(String exposition, String metric, String label, String value) {
        var matcher = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*" + Pattern.quote(label + "=\"" + value + "\"")
                + "[^}]*} ([0-9.E+-]+)$").matcher(exposition);
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }
}

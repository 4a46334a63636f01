package dev.psi.dispatcher;

import java.nio.charset.StandardCharsets;

/**
 * {@code ce-*} header values. The CloudEvents Java SDK writes them as they are (it neither percent-encodes nor
 * decodes, unlike the HTTP binding's section 3.1.3.2), and so do Knative's data plane and the functions' reader.
 * A value of printable ASCII therefore goes out unchanged. Only a value the JDK's HTTP client would refuse
 * (characters outside printable ASCII) is percent-encoded the way the binding specifies, rather than failing the
 * delivery.
 */
final class HeaderValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    static String encode(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x21 && c <= 0x7E && c != '"' && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }
}

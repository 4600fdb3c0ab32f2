package io.github.camelgcptasks.emulator.queue;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes the characters of a task URL that may not appear in a URI (spaces, quotes, non-ASCII, a {@code %}
 * that starts no escape), as the service does "for safety and compatibility"; characters a URI allows stay as they
 * are, so an already encoded URL is unchanged.
 */
final class UrlEncoding {

    // RFC 3986 unreserved and reserved characters
    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            + "-._~:/?#[]@!$&'()*+,;=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    static String encodeUnsafe(String url) {
        StringBuilder out = null;
        for (int i = 0; i < url.length(); ) {
            int codePoint = url.codePointAt(i);
            int width = Character.charCount(codePoint);
            boolean safe = codePoint < 128 && (ALLOWED.indexOf(codePoint) >= 0 || isEscape(url, i));
            if (!safe && out == null) {
                out = new StringBuilder(url.length() + 16).append(url, 0, i);
            }
            if (out != null) {
                if (safe) {
                    out.appendCodePoint(codePoint);
                } else {
                    for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                    }
                }
            }
            i += width;
        }
        return out == null ? url : out.toString();
    }

    private static boolean isEscape(String url, int at) {
        return url.charAt(at) == '%' && at + 2 < url.length()
                && hex(url.charAt(at + 1)) && hex(url.charAt(at + 2));
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}

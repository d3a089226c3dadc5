package io.zohoconnect.web;

/** Escaping for the few HTML pages the service renders: every dynamic value goes through {@link #escape}. */
public final class Html {

    private Html() {
    }

    public static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Untrusted text quoted in an error message: cut to {@code max} characters, and anything but
     * letters, digits and {@code . _ - : /} replaced by {@code ?} — no markup, quotes or control
     * characters are ever echoed back.
     */
    public static String printable(String text, int max) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > max ? text.substring(0, max) : text;
        StringBuilder out = new StringBuilder(cut.length() + 1);
        cut.codePoints().forEach(c -> out.append(Character.isLetterOrDigit(c) && c < 0x2000 || ".-_:/".indexOf(c) >= 0
                ? new String(Character.toChars(c)) : "?"));
        return text.length() > max ? out + "…" : out.toString();
    }
}

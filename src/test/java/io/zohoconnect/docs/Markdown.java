package io.zohoconnect.docs;

import java.util.List;
import java.util.stream.Collectors;

/** The bits of GitHub-flavoured Markdown the generated references write: table cells, code spans, tables. */
final class Markdown {

    private Markdown() {
    }

    /**
     * Text for one table cell: on one line, pipes escaped, and outside code spans nothing read as HTML or
     * emphasis (inside a code span an escape would show as written).
     */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String line = inlineTags(text).replaceAll("\\s*\\R\\s*", " ").trim();
        StringBuilder out = new StringBuilder();
        boolean inCode = false;
        for (char c : line.toCharArray()) {
            if (c == '`') {
                inCode = !inCode;
                out.append(c);
            } else if (c == '|') {
                out.append("\\|");
            } else if (!inCode && c == '<') {
                out.append("&lt;");
            } else if (!inCode && c == '*') {
                out.append("\\*");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A code span (safe in a table cell: GitHub splits cells at every unescaped pipe, also inside code). */
    static String code(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String fence = text.contains("`") ? "``" : "`";
        String padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + padding + text.replaceAll("\\R", " ").replace("|", "\\|") + padding + fence;
    }

    static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(headers.stream().collect(Collectors.joining(" | ", "| ", " |\n")));
        out.append(headers.stream().map(h -> "---").collect(Collectors.joining("|", "|", "|\n")));
        for (List<String> row : rows) {
            out.append(row.stream().collect(Collectors.joining(" | ", "| ", " |\n")));
        }
        return out.toString();
    }

    /**
     * Javadoc inline tags as Markdown: {@code {@code x}} and {@code {@link x}} (and the {@code {code x}} that
     * Camel's catalog keeps of them) become code spans; braces inside them may nest.
     */
    static String inlineTags(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int tag = nextTag(text, i);
            if (tag < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, tag);
            int start = text.indexOf(' ', tag) + 1;
            int depth = 1;
            int end = start;
            while (end < text.length() && depth > 0) {
                char c = text.charAt(end);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                end++;
            }
            if (depth > 0) {
                out.append(text, tag, text.length());
                break;
            }
            String content = text.substring(start, end - 1).trim();
            out.append('`').append(content.replace("`", "")).append('`');
            i = end;
        }
        return out.toString();
    }

    private static int nextTag(String text, int from) {
        int best = -1;
        for (String opening : List.of("{@code ", "{@link ", "{@linkplain ", "{code ", "{link ")) {
            int at = text.indexOf(opening, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }
}

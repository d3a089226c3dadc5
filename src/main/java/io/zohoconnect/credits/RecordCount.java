package io.zohoconnect.credits;

/**
 * How many records a write body carries — the elements of its top-level {@code "data"} array — by one
 * pass over the text, without building a tree: the ledger sits on every write and must cost next to
 * nothing. A body it cannot read counts as one record (the call costs its minimum).
 */
final class RecordCount {

    private RecordCount() {
    }

    static int of(String body) {
        if (body == null) {
            return 1;
        }
        int key = body.indexOf("\"data\"");
        if (key < 0) {
            return 1;
        }
        int open = body.indexOf('[', key);
        if (open < 0) {
            return 1;
        }
        int depth = 0;
        int elements = 0;
        boolean inString = false;
        boolean sawValue = false;
        for (int i = open + 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    sawValue = true;
                }
                case '{', '[' -> {
                    depth++;
                    sawValue = true;
                }
                case '}' -> depth--;
                case ']' -> {
                    if (depth == 0) {
                        return Math.max(1, sawValue ? elements + 1 : elements);
                    }
                    depth--;
                }
                case ',' -> {
                    if (depth == 0) {
                        elements++;
                    }
                }
                default -> {
                    if (!Character.isWhitespace(c)) {
                        sawValue = true;
                    }
                }
            }
        }
        return 1;
    }
}

package io.zohoconnect.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code criteria} of {@code GET /{module}/search} (ZOHO-API.md §12):
 * {@code ((Last_Name:equals:Smith)and(Email:starts_with:a))}. Every condition and group sits in
 * parentheses; {@code and} binds tighter than {@code or}; operators {@code equals} and
 * {@code starts_with}; {@code equals} takes comma-separated alternatives; {@code \(}, {@code \)},
 * {@code \,} and {@code \:} escape those characters in a value. Anything else is 400 {@code INVALID_QUERY}.
 */
final class SearchCriteria {

    private final String text;
    private final ModuleSchema schema;
    private int pos;

    private SearchCriteria(String text, ModuleSchema schema) {
        this.text = text;
        this.schema = schema;
    }

    static Predicate<ModuleRecords.Row> parse(String criteria, ModuleSchema schema) {
        SearchCriteria parser = new SearchCriteria(criteria.trim(), schema);
        Predicate<ModuleRecords.Row> filter = parser.expression();
        if (parser.pos != parser.text.length()) {
            throw invalid("unexpected text at position " + parser.pos);
        }
        return filter;
    }

    /** term (and|or term)*: an or of and-chains. */
    private Predicate<ModuleRecords.Row> expression() {
        Predicate<ModuleRecords.Row> any = null;
        Predicate<ModuleRecords.Row> chain = term();
        while (true) {
            skipBlanks();
            if (word("and")) {
                chain = chain.and(term());
            } else if (word("or")) {
                any = any == null ? chain : any.or(chain);
                chain = term();
            } else {
                return any == null ? chain : any.or(chain);
            }
        }
    }

    private Predicate<ModuleRecords.Row> term() {
        skipBlanks();
        expect('(');
        skipBlanks();
        Predicate<ModuleRecords.Row> inner = peek() == '(' ? expression() : condition();
        skipBlanks();
        expect(')');
        return inner;
    }

    /** Field:operator:value, up to the closing parenthesis. */
    private Predicate<ModuleRecords.Row> condition() {
        List<String> parts = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != ')') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                current.append(text.charAt(pos++));
            } else if (c == '(') {
                throw invalid("an unescaped ( inside a condition");
            } else if (c == ':' && parts.size() < 2) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else if (c == ',' && parts.size() == 2) {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        if (parts.size() != 2) {
            throw invalid("a condition is (Field:operator:value)");
        }
        FieldDef field = schema.field(parts.get(0));
        if (field == null) {
            throw new CrmError(400, "INVALID_QUERY", "invalid query formed",
                    Map.of("reason", "the field is not in the module", "api_name", parts.get(0)));
        }
        if (values.stream().anyMatch(String::isEmpty)) {
            throw invalid("a condition needs a value");
        }
        return switch (parts.get(1).toLowerCase(Locale.ROOT)) {
            case "equals" -> row -> values.stream().anyMatch(v -> FieldValues.equalTo(row.value(field), v));
            case "starts_with" -> {
                if (values.size() != 1) {
                    throw invalid("starts_with takes one value");
                }
                yield row -> FieldValues.startsWith(row.value(field), values.get(0));
            }
            default -> throw new CrmError(400, "INVALID_QUERY", "invalid query formed",
                    Map.of("reason", "invalid operator found", "api_name", field.apiName(), "operator", parts.get(1)));
        };
    }

    private boolean word(String word) {
        if (text.regionMatches(true, pos, word, 0, word.length())) {
            int after = pos + word.length();
            if (after < text.length() && (text.charAt(after) == '(' || Character.isWhitespace(text.charAt(after)))) {
                pos = after;
                return true;
            }
        }
        return false;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw invalid("expected " + c + " at position " + pos);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static CrmError invalid(String reason) {
        return new CrmError(400, "INVALID_QUERY", "invalid query formed", Map.of("reason", reason));
    }
}

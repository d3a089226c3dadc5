package io.zohoconnect.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A COQL {@code select_query} (ZOHO-API.md §12), parsed by hand:
 * {@code select f1, f2 from Module [where …] [order by f [asc|desc], …] [limit [offset,] count | limit count offset n]}.
 * Conditions: {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code like} ({@code %} at the
 * start and/or end), {@code is [not] null}, {@code [not] in (…)}, joined by {@code and} (binding tighter) and
 * {@code or}, grouped by parentheses. Keywords are case-insensitive; text compares case-insensitively.
 * Grammar errors are 400 {@code SYNTAX_ERROR}; names the module lacks are 400 {@code INVALID_QUERY} when bound.
 */
record CoqlQuery(List<String> fields, String module, Condition where, List<Order> orderBy, int offset, int limit) {

    static final int MAX_FIELDS = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_ROWS = 10_000;

    /** A condition over field names, bound to a module's fields once the module is known. */
    interface Condition {
        Predicate<ModuleRecords.Row> bind(ModuleSchema schema);
    }

    record Order(String field, boolean ascending) {
    }

    static CoqlQuery parse(String query) {
        return new Parser(Tokens.of(query)).query();
    }

    /** The selected fields of the module, checked against its schema. */
    List<FieldDef> selected(ModuleSchema schema) {
        return fields.stream().map(name -> field(schema, name)).toList();
    }

    List<ModuleRecords.Ordering> ordering(ModuleSchema schema) {
        return orderBy.stream().map(o -> new ModuleRecords.Ordering(field(schema, o.field()), o.ascending())).toList();
    }

    Predicate<ModuleRecords.Row> filter(ModuleSchema schema) {
        return where == null ? row -> true : where.bind(schema);
    }

    static FieldDef field(ModuleSchema schema, String name) {
        FieldDef field = schema.field(name);
        if (field == null) {
            throw new CrmError(400, "INVALID_QUERY", "column given seems to be invalid",
                    Map.of("column_name", name));
        }
        return field;
    }

    private static CrmError syntax(String message) {
        return new CrmError(400, "SYNTAX_ERROR", message, Map.of());
    }

    /** Words, quoted strings (quotes kept, {@code ''} or {@code \'} inside), numbers and symbols. */
    private record Tokens(List<String> list) {

        static Tokens of(String text) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'') {
                    StringBuilder value = new StringBuilder("'");
                    i++;
                    boolean closed = false;
                    while (i < text.length()) {
                        char d = text.charAt(i++);
                        if (d == '\\' && i < text.length()) {
                            value.append(text.charAt(i++));
                        } else if (d == '\'' && i < text.length() && text.charAt(i) == '\'') {
                            value.append('\'');
                            i++;
                        } else if (d == '\'') {
                            closed = true;
                            break;
                        } else {
                            value.append(d);
                        }
                    }
                    if (!closed) {
                        throw syntax("a quoted value is not closed");
                    }
                    out.add(value.toString());
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '-') {
                    int start = i;
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_$.-".indexOf(text.charAt(i)) >= 0)) {
                        i++;
                    }
                    out.add(text.substring(start, i));
                } else if ((c == '!' || c == '<' || c == '>') && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                    out.add(text.substring(i, i + 2));
                    i += 2;
                } else if ("(),=<>;*".indexOf(c) >= 0) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw syntax("unexpected character '" + c + "'");
                }
            }
            return new Tokens(out);
        }
    }

    private static final class Parser {

        private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "and", "or", "order", "by",
                "asc", "desc", "limit", "offset", "like", "not", "is", "null", "in");

        private final List<String> tokens;
        private int pos;

        Parser(Tokens tokens) {
            this.tokens = tokens.list();
        }

        CoqlQuery query() {
            keyword("select");
            Set<String> fields = new LinkedHashSet<>();
            do {
                fields.add(name());
            } while (accept(","));
            if (fields.size() > MAX_FIELDS) {
                throw new CrmError(400, "LIMIT_EXCEEDED", "at most " + MAX_FIELDS + " fields can be selected",
                        Map.of("limit", MAX_FIELDS));
            }
            keyword("from");
            String module = name();
            Condition where = acceptKeyword("where") ? or() : null;
            List<Order> orderBy = new ArrayList<>();
            if (acceptKeyword("order")) {
                keyword("by");
                do {
                    String field = name();
                    boolean ascending = !acceptKeyword("desc");
                    if (ascending) {
                        acceptKeyword("asc");
                    }
                    orderBy.add(new Order(field, ascending));
                } while (accept(","));
            }
            int offset = 0;
            int limit = MAX_LIMIT;
            if (acceptKeyword("limit")) {
                int first = number();
                if (accept(",")) {
                    offset = first;
                    limit = number();
                } else {
                    limit = first;
                    if (acceptKeyword("offset")) {
                        offset = number();
                    }
                }
            }
            accept(";");
            if (pos < tokens.size()) {
                throw syntax("unexpected '" + tokens.get(pos) + "'");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new CrmError(400, "LIMIT_EXCEEDED", "limit must be 1 to " + MAX_LIMIT, Map.of("limit", MAX_LIMIT));
            }
            if ((long) offset + limit > MAX_ROWS) {
                throw new CrmError(400, "LIMIT_EXCEEDED", "COQL reaches only the first " + MAX_ROWS + " rows",
                        Map.of("limit", MAX_ROWS));
            }
            return new CoqlQuery(List.copyOf(fields), module, where, List.copyOf(orderBy), offset, limit);
        }

        private Condition or() {
            Condition left = and();
            while (acceptKeyword("or")) {
                Condition a = left;
                Condition b = and();
                left = schema -> a.bind(schema).or(b.bind(schema));
            }
            return left;
        }

        private Condition and() {
            Condition left = atom();
            while (acceptKeyword("and")) {
                Condition a = left;
                Condition b = atom();
                left = schema -> a.bind(schema).and(b.bind(schema));
            }
            return left;
        }

        private Condition atom() {
            if (accept("(")) {
                Condition inner = or();
                expect(")");
                return inner;
            }
            String name = name();
            if (acceptKeyword("is")) {
                boolean not = acceptKeyword("not");
                keyword("null");
                return schema -> {
                    FieldDef field = field(schema, name);
                    return row -> (row.value(field) == null) != not;
                };
            }
            boolean not = acceptKeyword("not");
            if (acceptKeyword("in")) {
                expect("(");
                List<String> values = new ArrayList<>();
                do {
                    values.add(value());
                } while (accept(","));
                expect(")");
                return schema -> {
                    FieldDef field = field(schema, name);
                    return row -> values.stream().anyMatch(v -> FieldValues.equalTo(row.value(field), v)) != not;
                };
            }
            if (acceptKeyword("like")) {
                String pattern = value();
                return schema -> {
                    FieldDef field = field(schema, name);
                    Predicate<Object> like = like(pattern);
                    return row -> like.test(row.value(field)) != not;
                };
            }
            if (not) {
                throw syntax("not must be followed by like or in");
            }
            String operator = next();
            String value = value();
            Predicate<Object> test = switch (operator) {
                case "=" -> v -> FieldValues.equalTo(v, value);
                case "!=" -> v -> v != null && !FieldValues.equalTo(v, value);
                case "<" -> v -> v != null && compare(v, value) < 0;
                case "<=" -> v -> v != null && compare(v, value) <= 0;
                case ">" -> v -> v != null && compare(v, value) > 0;
                case ">=" -> v -> v != null && compare(v, value) >= 0;
                default -> throw syntax("unknown operator '" + operator + "'");
            };
            return schema -> {
                FieldDef field = field(schema, name);
                return row -> test.test(row.value(field));
            };
        }

        private static int compare(Object value, String given) {
            Object other = given;
            if (value instanceof Number) {
                try {
                    other = Double.parseDouble(given);
                } catch (NumberFormatException e) {
                    // compared as text
                }
            }
            return FieldValues.compare(value, other);
        }

        /** {@code %} at the start and/or the end; none: equality. */
        private static Predicate<Object> like(String pattern) {
            boolean prefix = pattern.startsWith("%");
            boolean suffix = pattern.length() > 1 && pattern.endsWith("%");
            String core = pattern.substring(prefix ? 1 : 0, pattern.length() - (suffix ? 1 : 0));
            if (core.contains("%")) {
                throw syntax("like takes % only at the start or the end");
            }
            if (prefix && suffix) {
                return v -> FieldValues.contains(v, core);
            }
            if (prefix) {
                return v -> FieldValues.endsWith(v, core);
            }
            if (suffix) {
                return v -> FieldValues.startsWith(v, core);
            }
            return v -> FieldValues.equalTo(v, core);
        }

        /** A quoted string, a number or true/false. */
        private String value() {
            String token = next();
            if (token.startsWith("'")) {
                return token.substring(1);
            }
            if (token.matches("-?[0-9]+(\\.[0-9]+)?") || token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
                return token;
            }
            throw syntax("expected a value in quotes, a number or true/false, found '" + token + "'");
        }

        private String name() {
            String token = next();
            if (token.startsWith("'") || !Character.isLetter(token.charAt(0)) && token.charAt(0) != '$'
                    || KEYWORDS.contains(token.toLowerCase(Locale.ROOT))) {
                throw syntax("expected a name, found '" + token + "'");
            }
            return token;
        }

        private int number() {
            String token = next();
            if (!token.matches("[0-9]{1,9}")) {
                throw syntax("expected a number, found '" + token + "'");
            }
            return Integer.parseInt(token);
        }

        private String next() {
            if (pos >= tokens.size()) {
                throw syntax("the query ends too early");
            }
            return tokens.get(pos++);
        }

        private void keyword(String word) {
            if (!acceptKeyword(word)) {
                throw syntax("expected " + word + (pos < tokens.size() ? ", found '" + tokens.get(pos) + "'" : ""));
            }
        }

        private boolean acceptKeyword(String word) {
            if (pos < tokens.size() && !tokens.get(pos).startsWith("'") && tokens.get(pos).equalsIgnoreCase(word)) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean accept(String symbol) {
            if (pos < tokens.size() && tokens.get(pos).equals(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(String symbol) {
            if (!accept(symbol)) {
                throw syntax("expected " + symbol);
            }
        }
    }
}

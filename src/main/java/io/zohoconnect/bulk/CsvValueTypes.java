package io.zohoconnect.bulk;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk Read's CSV holds text only; the API's JSON holds numbers, booleans, lists and lookups. This turns
 * a cell into the value the API would have given for the field's Zoho {@code data_type}, so a route sees
 * the same record whichever mode read it: integers and decimals as numbers, booleans as booleans,
 * multi-select picklists as lists (the CSV joins them with {@code ;}), lookups as {@code {"id":…}} (the CSV
 * carries the id only), dates and date-times as Zoho's ISO text, an empty cell as null. A cell that does
 * not parse as its type stays text rather than failing the export.
 */
final class CsvValueTypes {

    private final Map<String, Kind> kinds;

    /** @param dataTypes the module's {@code data_type} by field API name (from its field metadata) */
    CsvValueTypes(Map<String, String> dataTypes) {
        Map<String, Kind> out = new LinkedHashMap<>();
        dataTypes.forEach((field, type) -> out.put(field, Kind.of(type)));
        this.kinds = Map.copyOf(out);
    }

    Object value(String field, String cell) {
        return value(kinds.getOrDefault(field, Kind.TEXT), cell);
    }

    /** The conversion of one column, looked up once per file rather than once per cell. */
    Column column(String field) {
        Kind kind = kinds.getOrDefault(field, Kind.TEXT);
        return cell -> value(kind, cell);
    }

    @FunctionalInterface
    interface Column {
        Object value(String cell);
    }

    private static Object value(Kind kind, String cell) {
        if (cell == null || cell.isEmpty()) {
            return null;
        }
        try {
            return switch (kind) {
                case INTEGER -> Long.valueOf(cell.trim());
                case DECIMAL -> decimal(cell.trim());
                case BOOLEAN -> bool(cell.trim());
                case LIST -> Arrays.stream(cell.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                case LOOKUP -> lookup(cell.trim());
                case TEXT -> cell;
            };
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    /** A decimal as the API's JSON number: a double, unless it is too precise for one. */
    private static Number decimal(String cell) {
        BigDecimal exact = new BigDecimal(cell);
        double approx = exact.doubleValue();
        return new BigDecimal(Double.toString(approx)).compareTo(exact) == 0 ? (Number) approx : exact;
    }

    private static Object bool(String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> cell;
        };
    }

    private static Map<String, Object> lookup(String id) {
        Map<String, Object> out = new LinkedHashMap<>(2);
        out.put("id", id);
        return out;
    }

    private enum Kind {
        TEXT, INTEGER, DECIMAL, BOOLEAN, LIST, LOOKUP;

        private static final Map<String, Kind> BY_DATA_TYPE = Map.ofEntries(
                Map.entry("integer", INTEGER), Map.entry("long", INTEGER), Map.entry("autonumber", TEXT),
                Map.entry("double", DECIMAL), Map.entry("decimal", DECIMAL), Map.entry("currency", DECIMAL),
                Map.entry("percent", DECIMAL), Map.entry("boolean", BOOLEAN),
                Map.entry("multiselectpicklist", LIST), Map.entry("multiselectlookup", LIST),
                Map.entry("lookup", LOOKUP), Map.entry("ownerlookup", LOOKUP), Map.entry("userlookup", LOOKUP));

        static Kind of(String dataType) {
            return dataType == null ? TEXT : BY_DATA_TYPE.getOrDefault(dataType.toLowerCase(Locale.ROOT), TEXT);
        }
    }
}

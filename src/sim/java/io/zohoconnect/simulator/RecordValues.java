package io.zohoconnect.simulator;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seeded records of one module, derived rather than stored: record {@code i}'s id, times and field
 * values are pure functions of (seed, DC, environment, module, i, field). A 100,000-record module costs
 * nothing until a page is read, and the same seed always gives the same records.
 */
final class RecordValues {

    /** Seeded records were created in the year before this instant, and mostly modified around it. */
    static final long SEEDED_UNTIL = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN = 365L * 86_400;
    private static final long MODIFIED_WITHIN = 30L * 86_400;
    /** Distinct "bulk update" seconds that a quarter of the seeded records share. */
    private static final int BURSTS = 10;
    private static final long ID_STEP = 1000;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
            "Linda", "David", "Elizabeth", "Aarav", "Priya", "Hiroshi", "Yuki", "Lukas", "Sofia", "Wei", "Fatima",
            "Omar", "Chloé", "Søren", "José", "Ana", "Mateo"};
    private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Sharma", "Patel", "Tanaka", "Sato", "Müller", "Schmidt", "Wang", "Li", "Al-Farsi", "Martin",
            "Rossi", "Dubois", "O'Brien", "Nguyen", "Kowalski", "Ødegaard"};
    private static final String[] FIRST_ASCII = ascii(FIRST);
    private static final String[] LAST_ASCII = ascii(LAST);
    private static final String[] COMPANY = {"Zylker", "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne",
            "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka", "Oscorp", "Aperture", "Massive Dynamic"};
    private static final String[] SUFFIX = {"Inc", "Ltd", "GmbH", "Corp", "LLC", "Pvt Ltd", "KK", "SA", "AG", "BV"};
    private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};
    private static final String[] SENTENCES = {"Met at the trade show; interested in the enterprise plan.",
            "Asked for a callback next quarter.", "Evaluating three vendors, decision in May.",
            "Referred by an existing customer.", "Needs a demo for the whole team.",
            "Budget approved; waiting for legal.", "Prefers e-mail over phone calls.", "Line one\nLine two, with \"quotes\"."};

    private final long base;
    private final int seeded;
    private final long idBase;
    private final List<Actor> users;

    /**
     * @param users the org's users seeded records are owned, created and modified by; the first is the
     *              one who created them
     */
    RecordValues(long seed, String orgKey, String moduleKey, int seeded, List<Actor> users) {
        this.base = mix(seed * GOLDEN ^ fnv(orgKey + "/" + moduleKey));
        this.seeded = seeded;
        this.users = List.copyOf(users);
        // 19 digits like Zoho's ids; ids grow with the record index, leaving room for 16M records
        long raw = 1_000_000_000_000_000_000L + Math.floorMod(mix(base ^ 0x1DL), 7_000_000_000_000_000_000L);
        this.idBase = raw / ID_STEP * ID_STEP + 1;
    }

    int seeded() {
        return seeded;
    }

    String id(int index) {
        return Long.toString(idBase + index * ID_STEP);
    }

    /** The index an id stands for, or -1 when it is no id of this module (range is checked by the caller). */
    int indexOf(String id) {
        if (id == null || id.isEmpty() || id.length() > 19) {
            return -1;
        }
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
        long offset = value - idBase;
        if (offset < 0 || offset % ID_STEP != 0 || offset / ID_STEP > Integer.MAX_VALUE) {
            return -1;
        }
        return (int) (offset / ID_STEP);
    }

    /** Created in id order, spread over the year before {@link #SEEDED_UNTIL}. */
    long createdTime(int index) {
        return SEEDED_UNTIL - SPAN + (long) ((double) index * SPAN / Math.max(seeded, 1));
    }

    /**
     * Up to 30 days after creation; a quarter of the records instead share one of ten "bulk update"
     * seconds, so many records have the same Modified_Time and page boundaries fall inside such groups.
     */
    long initialModifiedTime(int index) {
        long h = mix(record(index) ^ 0x5EEDL);
        if ((h & 3) == 0) {
            return SEEDED_UNTIL + ((h >>> 2) % BURSTS) * 86_400;
        }
        return createdTime(index) + (h >>> 2) % MODIFIED_WITHIN;
    }

    Actor creator() {
        return users.get(0);
    }

    /** The seeded value of a non-system field of record {@code index}. */
    Object value(int index, FieldDef field) {
        long h = hash(index, field.apiName());
        return switch (field.kind()) {
            case FIRST_NAME -> FIRST[pick(h, FIRST.length)];
            case LAST_NAME -> LAST[pick(h, LAST.length)];
            case COMPANY -> COMPANY[pick(h, COMPANY.length)] + " " + SUFFIX[pick(h >>> 20, SUFFIX.length)];
            case EMAIL -> email(index);
            case PHONE -> phone(h);
            case WEBSITE -> "https://www." + COMPANY[pick(h, COMPANY.length)].toLowerCase(Locale.ROOT).replace(" ", "")
                    + (index + 1) + ".example.com";
            case PICKLIST -> field.options().get(pick(h, field.options().size()));
            case TEXTAREA -> SENTENCES[pick(h, SENTENCES.length)];
            case OWNER -> users.get(pick(h, users.size())).lookup();
            case LOOKUP -> lookup(h);
            case UNIQUE_NAME -> field.options().get(pick(h, field.options().size())) + " "
                    + COMPANY[pick(h >>> 24, COMPANY.length)] + " #" + (index + 1);
            case CURRENCY -> (double) ((h >>> 1) % 10_000_000) / 100;
            case DATE -> LocalDate.ofEpochDay(LocalDate.of(2023, 1, 1).toEpochDay() + (h >>> 1) % 730).toString();
            case TEXT -> "Value " + Long.toString((h >>> 24) & 0xF_FFFF_FFFFL, 36);
            case CREATED_BY -> creator().lookup();
            case MODIFIED_BY -> users.get(pick(h, users.size())).lookup();
            case ID, CREATED_TIME, MODIFIED_TIME -> throw new IllegalArgumentException(
                    field.apiName() + " is not derived here");
        };
    }

    /** first.last.n@domain, ASCII, from the record's own first and last names: unique per record. */
    private String email(int index) {
        String first = FIRST_ASCII[pick(hash(index, "First_Name"), FIRST.length)];
        String last = LAST_ASCII[pick(hash(index, "Last_Name"), LAST.length)];
        return first + "." + last + "." + (index + 1) + "@" + DOMAINS[pick(record(index) >>> 7, DOMAINS.length)];
    }

    private static String phone(long h) {
        long digits = (h >>> 1) % 10_000_000_000L;
        String d = String.format(Locale.ROOT, "%010d", digits);
        return "+1 " + d.substring(0, 3) + "-" + d.substring(3, 6) + "-" + d.substring(6);
    }

    private static Map<String, Object> lookup(long h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", COMPANY[pick(h, COMPANY.length)] + " " + SUFFIX[pick(h >>> 20, SUFFIX.length)]);
        out.put("id", Long.toString(1_000_000_000_000_000_000L + Math.floorMod(mix(h), 8_000_000_000_000_000_000L)));
        return out;
    }

    private long record(int index) {
        return mix(base + (index + 1L) * GOLDEN);
    }

    private long hash(int index, String field) {
        return mix(record(index) ^ fnv(field));
    }

    private static int pick(long h, int size) {
        return (int) ((h >>> 1) % size);
    }

    /** SplitMix64's finaliser: a cheap, well-spread 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over UTF-8: stable across JVMs and runs. ASCII (every field name) needs no byte array. */
    static long fnv(String text) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return fnvBytes(text);
            }
            h ^= c;
            h *= 0x100000001B3L;
        }
        return h;
    }

    private static long fnvBytes(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001B3L;
        }
        return h;
    }

    private static String[] ascii(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String stripped = Normalizer.normalize(names[i], Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    .replace("ø", "o").replace("Ø", "O");
            out[i] = stripped.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        }
        return out;
    }
}

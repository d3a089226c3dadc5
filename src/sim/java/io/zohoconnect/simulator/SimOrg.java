package io.zohoconnect.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated CRM org: a (DC, environment) pair. Its identity is derived from the pair, so every
 * run sees the same ids. It holds the org's edition and its modules' records: standard modules are
 * seeded on first use, custom modules exist once {@code /_sim} seeds them.
 */
final class SimOrg {

    /** The seed of modules nobody seeded explicitly. */
    static final long DEFAULT_SEED = 1;
    /** Path words of the CRM API that can never be a module's name. */
    private static final Set<String> RESERVED = Set.of("users", "org", "settings", "coql", "bulk", "functions",
            "actions", "upsert", "deleted", "search");
    /** Who owns and creates seeded records; the first is the simulator's default consenting user. */
    private static final List<String> SEED_USERS = List.of(SimSettings.DEFAULT_USER_EMAIL, "sales.rep@example.com",
            "sales.manager@example.com");

    private static final Map<String, String> COUNTRIES = Map.of("us", "US", "eu", "DE", "in", "IN", "au", "AU",
            "cn", "CN", "jp", "JP", "ca", "CA", "sa", "SA");

    private static final Map<String, String> TIME_ZONES = Map.of("us", "America/New_York", "eu", "Europe/Berlin",
            "in", "Asia/Kolkata", "au", "Australia/Sydney", "cn", "Asia/Shanghai", "jp", "Asia/Tokyo",
            "ca", "America/Toronto", "sa", "Asia/Riyadh");

    private final String dc;
    private final ApiEnvironment environment;
    private final String id;
    /** The company name of an org other than the DC's own (null for the DC's own). */
    private final String name;
    /** Requests being served right now, for the concurrency counter and limit. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Materialised modules by lower-case API name. */
    private final Map<String, ModuleRecords> modules = new ConcurrentHashMap<>();
    private volatile Edition edition = Edition.ENTERPRISE;
    private final WatchChannels watchChannels = new WatchChannels();
    private final OrgCredits credits = new OrgCredits();

    SimOrg(String dc, ApiEnvironment environment, String name) {
        this.dc = dc;
        this.environment = environment;
        this.name = name;
        this.id = zohoId("org/" + dc + "/" + environment.code() + (name == null ? "" : "/" + name));
    }

    /** Zoho's id of the org across DCs ({@code zgid}). */
    String zgid() {
        return zohoId("zgid/" + id);
    }

    /** The org's CRM API base under the simulator, e.g. {@code http://127.0.0.1:8089/eu/api}. */
    String apiBase(String baseUrl) {
        return baseUrl + "/" + dc + "/" + environment.pathSegment();
    }

    /** A module's id in this org, as module metadata, watch responses and Bulk Read jobs give it. */
    String moduleId(String module) {
        return zohoId("module/" + id + "/" + module.toLowerCase(Locale.ROOT));
    }

    /** The org's API credits over the rolling 24 hours. */
    OrgCredits credits() {
        return credits;
    }

    WatchChannels watchChannels() {
        return watchChannels;
    }

    /** "eu/production": how counters name the org. */
    String key() {
        return dc + "/" + environment.code();
    }

    String id() {
        return id;
    }

    String companyName() {
        return name != null ? name : "Simulated org (" + dc.toUpperCase(Locale.ROOT) + " " + environment.code() + ")";
    }

    String timeZone() {
        return TIME_ZONES.getOrDefault(dc, "UTC");
    }

    String countryCode() {
        return COUNTRIES.getOrDefault(dc, dc.toUpperCase(Locale.ROOT));
    }

    /** The id a user has in this org: same e-mail, same org, same id. */
    String userId(String email) {
        return zohoId("user/" + dc + "/" + environment.code() + "/" + email.toLowerCase(Locale.ROOT));
    }

    Edition edition() {
        return edition;
    }

    void edition(Edition edition) {
        this.edition = edition;
    }

    ZoneOffset offset() {
        return ZohoTimes.offsetOf(dc);
    }

    Actor actor(String email) {
        return new Actor(SimCrmApi.fullName(email), userId(email), email);
    }

    /** The org's users: the seeded owners, then {@code caller} when not one of them. */
    List<Actor> users(String caller) {
        List<Actor> users = new ArrayList<>(SEED_USERS.stream().map(this::actor).toList());
        if (users.stream().noneMatch(u -> u.email().equalsIgnoreCase(caller))) {
            users.add(actor(caller));
        }
        return users;
    }

    /** A module's metadata, by API name in any case; null when the org has no such module. */
    ModuleSchema schema(String module) {
        ModuleRecords records = modules.get(module.toLowerCase(Locale.ROOT));
        return records != null ? records.schema() : StandardModules.byName(module);
    }

    /** Standard modules first, then custom ones by name. */
    List<ModuleSchema> schemas() {
        List<ModuleSchema> out = new ArrayList<>();
        for (ModuleSchema standard : StandardModules.all()) {
            out.add(schema(standard.apiName()));
        }
        modules.values().stream().map(ModuleRecords::schema).filter(ModuleSchema::custom)
                .sorted(Comparator.comparing(ModuleSchema::apiName)).forEach(out::add);
        return out;
    }

    /**
     * A module's records; a standard module not seeded yet is seeded now with {@code defaultCount}
     * records. Null when the org has no such module.
     */
    ModuleRecords records(String module, int defaultCount) {
        String key = module.toLowerCase(Locale.ROOT);
        ModuleRecords records = modules.get(key);
        if (records != null) {
            return records;
        }
        ModuleSchema standard = StandardModules.byName(module);
        return standard == null ? null
                : modules.computeIfAbsent(key, k -> newRecords(standard, defaultCount, DEFAULT_SEED));
    }

    /**
     * (Re)creates a module with {@code count} records and {@code customFields} extra text fields; a name
     * that is not a standard module creates a custom module.
     */
    ModuleRecords seed(String module, int count, int customFields, long seed) {
        ModuleSchema schema = StandardModules.byName(module);
        if (schema == null) {
            if (!ModuleSchema.CUSTOM_NAME.matcher(module).matches()) {
                throw new IllegalArgumentException("a module name is a letter then up to 49 letters, digits or _: "
                        + module);
            }
            if (RESERVED.contains(module.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(module + " is a reserved word of the CRM API, not a module name");
            }
            schema = ModuleSchema.customModule(module);
        }
        if (count < 0 || count > ModuleRecords.MAX_RECORDS) {
            throw new IllegalArgumentException("count must be 0.." + ModuleRecords.MAX_RECORDS);
        }
        if (customFields < 0 || customFields > 1000) {
            throw new IllegalArgumentException("customFields must be 0..1000");
        }
        ModuleRecords records = newRecords(schema.withCustomFields(customFields), count, seed);
        modules.put(schema.key(), records);
        return records;
    }

    /** Every module back to its unseeded state and the edition to the default. */
    void resetData() {
        modules.clear();
        watchChannels.clear();
        credits.reset();
        edition = Edition.ENTERPRISE;
    }

    private ModuleRecords newRecords(ModuleSchema schema, int count, long seed) {
        List<Actor> users = SEED_USERS.stream().map(this::actor).toList();
        return new ModuleRecords(schema, new RecordValues(seed, key(), schema.key(), count, users), seed, offset());
    }

    int enter() {
        return inFlight.incrementAndGet();
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    /** Zoho ids are 19-digit numbers; these are derived from a hash of the name. */
    static String zohoId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            // 19 digits, like Zoho's: 1e18 <= id < 9e18
            return String.valueOf(1_000_000_000_000_000_000L + Math.floorMod(value, 8_000_000_000_000_000_000L));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}

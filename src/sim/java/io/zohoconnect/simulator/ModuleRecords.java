package io.zohoconnect.simulator;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The records of one module of one org. Seeded records are derived ({@link RecordValues}); what is
 * stored is one Modified_Time per record, the deleted set and list, and the values written through the
 * API or {@code /_sim} (overrides). Records are numbered by index; ids grow with the index, so id order
 * is index order. Listings walk a sorted view of packed {@code (sort key << 24 | index)} longs, rebuilt
 * lazily after a write, which makes keyset paging (page tokens) a binary search.
 * One read-write lock guards everything: reads run in parallel, writes one at a time.
 */
final class ModuleRecords {

    /** Indexes must fit the 24 low bits of a packed view entry. */
    static final int MAX_RECORDS = (1 << 24) - 1;
    private static final int INDEX_BITS = 24;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private final ModuleSchema schema;
    private final RecordValues values;
    private final long seed;
    private final ZoneOffset offset;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicReferenceArray<SortedView> views = new AtomicReferenceArray<>(SortField.values().length);

    // guarded by lock
    private long[] modified;
    private long[] insertedCreated = new long[16];
    private int size;
    private final BitSet deleted = new BitSet();
    private int deletedCount;
    private final List<DeletedRecord> deletedLog = new ArrayList<>();
    private final Map<Integer, Map<String, Object>> overrides = new HashMap<>();
    /** field → normalised value → index, built on the first upsert that checks the field. */
    private final Map<String, Map<String, Integer>> duplicateIndexes = new HashMap<>();
    /** Bumped by every change; a sorted view is valid for one version. */
    private long version;

    ModuleRecords(ModuleSchema schema, RecordValues values, long seed, ZoneOffset offset) {
        if (values.seeded() < 0 || values.seeded() > MAX_RECORDS) {
            throw new IllegalArgumentException("a module holds 0.." + MAX_RECORDS + " records");
        }
        this.schema = schema;
        this.values = values;
        this.seed = seed;
        this.offset = offset;
        this.size = values.seeded();
        this.modified = new long[Math.max(size, 16)];
        for (int i = 0; i < size; i++) {
            modified[i] = values.initialModifiedTime(i);
        }
    }

    ModuleSchema schema() {
        return schema;
    }

    long seed() {
        return seed;
    }

    ZoneOffset offset() {
        return offset;
    }

    int liveCount() {
        return read(() -> size - deletedCount);
    }

    int deletedCount() {
        return read(() -> deletedCount);
    }

    // ---- reading

    /** One page of a listing. {@code lastKey} is the packed view entry of the last record, for the next token. */
    record Page(List<Map<String, Object>> records, boolean more, long lastKey) {
    }

    /**
     * Live records in (sort key, id) order, optionally only those modified after {@code modifiedAfter}
     * (epoch seconds; {@link Long#MIN_VALUE} = all), continuing after {@code after} (a packed entry; null =
     * from the start), skipping {@code skip} matches, at most {@code limit}.
     */
    Page list(SortField sort, boolean ascending, Long after, int skip, int limit, long modifiedAfter,
              List<FieldDef> fields) {
        return read(() -> {
            long[] keys = view(sort).keys();
            int step = ascending ? 1 : -1;
            int pos;
            if (after == null) {
                pos = ascending ? 0 : keys.length - 1;
            } else {
                int found = Arrays.binarySearch(keys, after);
                int insertion = found >= 0 ? found : -found - 1;
                pos = ascending ? (found >= 0 ? found + 1 : insertion) : insertion - 1;
            }
            boolean filtered = modifiedAfter != Long.MIN_VALUE;
            if (filtered && sort == SortField.MODIFIED_TIME && ascending) {
                // everything up to (modifiedAfter, max index) is too old
                int found = Arrays.binarySearch(keys, pack(modifiedAfter, (int) INDEX_MASK));
                pos = Math.max(pos, found >= 0 ? found + 1 : -found - 1);
            }
            List<Integer> matched = new ArrayList<>(Math.min(limit + 1, 256));
            long lastKey = 0;
            int toSkip = skip;
            for (; pos >= 0 && pos < keys.length && matched.size() <= limit; pos += step) {
                int index = (int) (keys[pos] & INDEX_MASK);
                if (filtered && modified[index] <= modifiedAfter) {
                    if (sort == SortField.MODIFIED_TIME) {
                        break; // descending: only older ones follow
                    }
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                if (matched.size() < limit) {
                    lastKey = keys[pos];
                }
                matched.add(index);
            }
            boolean more = matched.size() > limit;
            List<Map<String, Object>> records = new ArrayList<>(Math.min(matched.size(), limit));
            for (int i = 0; i < matched.size() && i < limit; i++) {
                records.add(record(matched.get(i), fields));
            }
            return new Page(records, more, lastKey);
        });
    }

    /** The record with all or the given fields; null when the id is unknown or deleted. */
    Map<String, Object> get(String id, List<FieldDef> fields) {
        return read(() -> {
            int index = liveIndex(id);
            return index < 0 ? null : record(index, fields);
        });
    }

    /** A live record's values, for a search or COQL filter; valid while the filter runs. */
    interface Row {
        Object value(FieldDef field);
    }

    /** One {@code order by} term of a COQL query. */
    record Ordering(FieldDef field, boolean ascending) {
    }

    /**
     * Live records {@code filter} accepts, in id order or by {@code order} (ties in id order), skipping
     * {@code skip}, at most {@code limit}; {@code more} says whether matches follow.
     */
    Page select(Predicate<Row> filter, List<Ordering> order, int skip, int limit, List<FieldDef> fields) {
        return read(() -> {
            List<Integer> matched = new ArrayList<>();
            for (long key : view(SortField.ID).keys()) {
                int index = (int) (key & INDEX_MASK);
                if (filter.test(field -> value(index, field))) {
                    matched.add(index);
                    if (order.isEmpty() && matched.size() > skip + limit) {
                        break;
                    }
                }
            }
            if (!order.isEmpty()) {
                Comparator<Integer> byOrder = null;
                for (Ordering term : order) {
                    Comparator<Integer> next = Comparator.comparing(i -> value(i, term.field()), FieldValues::compare);
                    next = term.ascending() ? next : next.reversed();
                    byOrder = byOrder == null ? next : byOrder.thenComparing(next);
                }
                matched.sort(byOrder.thenComparing(Comparator.naturalOrder()));
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = skip; i < matched.size() && i < skip + limit; i++) {
                records.add(record(matched.get(i), fields));
            }
            return new Page(records, matched.size() > skip + limit, 0);
        });
    }

    /** Indexes of live records a filter accepts, in id order, from the {@code skip}th match; {@code more}: others follow. */
    record Matches(int[] indexes, boolean more) {
    }

    /** What a Bulk Read job page exports: at most {@code limit} matches in id order after skipping {@code skip}. */
    Matches matching(Predicate<Row> filter, long skip, int limit) {
        return read(() -> {
            int[] found = new int[Math.min(limit, Math.max(16, size - deletedCount))];
            int n = 0;
            long toSkip = skip;
            boolean more = false;
            for (long key : view(SortField.ID).keys()) {
                int index = (int) (key & INDEX_MASK);
                if (!filter.test(field -> value(index, field))) {
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                if (n == limit) {
                    more = true;
                    break;
                }
                if (n == found.length) {
                    found = Arrays.copyOf(found, Math.min(limit, found.length * 2));
                }
                found[n++] = index;
            }
            return new Matches(Arrays.copyOf(found, n), more);
        });
    }

    /** Receives one record's id and values (in the order of the fields asked for). */
    interface RowSink {
        void row(String id, Object[] values);
    }

    /**
     * The current values of {@code indexes[from..to)} — one read-lock hold per call, so a caller streams
     * a large export in chunks without holding the lock while it writes.
     */
    void rows(int[] indexes, int from, int to, List<FieldDef> fields, RowSink sink) {
        read(() -> {
            Object[] row = new Object[fields.size()];
            for (int i = from; i < to; i++) {
                int index = indexes[i];
                for (int f = 0; f < row.length; f++) {
                    row[f] = value(index, fields.get(f));
                }
                sink.row(values.id(index), row);
            }
            return null;
        });
    }

    /** Deleted records, latest first (ties: highest id first). */
    record DeletedPage(List<Map<String, Object>> records, boolean more) {
    }

    /**
     * @param type         {@code all}, {@code recycle} or {@code permanent}
     * @param deletedAfter epoch seconds; {@link Long#MIN_VALUE} = all
     */
    DeletedPage deleted(String type, long deletedAfter, int skip, int limit) {
        return read(() -> {
            List<DeletedRecord> matching = deletedLog.stream()
                    .filter(d -> type.equals("all") || d.type().equals(type))
                    .filter(d -> d.deletedTime() > deletedAfter)
                    .sorted(Comparator.comparingLong(DeletedRecord::deletedTime).thenComparingInt(DeletedRecord::index)
                            .reversed())
                    .skip(skip).limit(limit + 1L).toList();
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < matching.size() && i < limit; i++) {
                DeletedRecord d = matching.get(i);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", d.id());
                json.put("display_name", d.displayName());
                json.put("type", d.type());
                json.put("deleted_time", ZohoTimes.format(d.deletedTime(), offset));
                json.put("deleted_by", nameAndId(d.deletedBy()));
                out.add(json);
            }
            return new DeletedPage(out, matching.size() > limit);
        });
    }

    /** Live ids in id order, as a JSON array, written straight into {@code out} (100,000 ids = 2 MB). */
    void appendLiveIds(StringBuilder out) {
        read(() -> {
            out.append('[');
            boolean first = true;
            for (int i = deleted.nextClearBit(0); i < size; i = deleted.nextClearBit(i + 1)) {
                out.append(first ? "\"" : ",\"").append(values.id(i)).append('"');
                first = false;
            }
            return out.append(']');
        });
    }

    // ---- writing through the API

    /** Inserts each record that is an object with known fields and its mandatory fields. */
    List<WriteResult> insert(List<Object> records, Actor actor, long now) {
        return write(() -> {
            List<WriteResult> results = new ArrayList<>(records.size());
            for (int p = 0; p < records.size(); p++) {
                Object record = records.get(p);
                WriteResult invalid = checkObjectAndFields(record, p);
                if (invalid == null) {
                    invalid = checkMandatory(asMap(record), p, true);
                }
                results.add(invalid != null ? invalid : insertOne(writable(asMap(record)), actor, now));
            }
            return results;
        });
    }

    /** Updates each record that names a live id; mandatory fields may not be blanked. */
    List<WriteResult> update(List<Object> records, Actor actor, long now) {
        return write(() -> {
            List<WriteResult> results = new ArrayList<>(records.size());
            for (int p = 0; p < records.size(); p++) {
                Object record = records.get(p);
                WriteResult invalid = checkObjectAndFields(record, p);
                if (invalid != null) {
                    results.add(invalid);
                    continue;
                }
                Map<String, Object> fields = asMap(record);
                String id = idOf(fields);
                if (id == null) {
                    results.add(mandatoryMissing("id", p));
                    continue;
                }
                int index = liveIndex(id);
                invalid = index < 0 ? invalidId(p) : checkMandatory(fields, p, false);
                results.add(invalid != null ? invalid : updateOne(index, writable(fields), actor, now));
            }
            return results;
        });
    }

    /**
     * Updates the record a given id or the first matching duplicate-check field finds, else inserts.
     * Records inserted earlier in the same call are found by later ones.
     */
    List<WriteResult> upsert(List<Object> records, List<String> duplicateCheckFields, Actor actor, long now) {
        return write(() -> {
            List<WriteResult> results = new ArrayList<>(records.size());
            for (int p = 0; p < records.size(); p++) {
                Object record = records.get(p);
                WriteResult invalid = checkObjectAndFields(record, p);
                if (invalid != null) {
                    results.add(invalid);
                    continue;
                }
                Map<String, Object> fields = asMap(record);
                String id = idOf(fields);
                int match = -1;
                String matchedField = null;
                if (id != null) {
                    match = liveIndex(id);
                    if (match < 0) {
                        results.add(invalidId(p));
                        continue;
                    }
                } else {
                    for (String field : duplicateCheckFields) {
                        String key = duplicateKey(fields.get(field));
                        Integer found = key == null ? null : duplicateIndex(schema.field(field)).get(key);
                        if (found != null && !deleted.get(found)) {
                            match = found;
                            matchedField = field;
                            break;
                        }
                    }
                }
                invalid = checkMandatory(fields, p, match < 0);
                if (invalid != null) {
                    results.add(invalid);
                } else if (match >= 0) {
                    results.add(updateOne(match, writable(fields), actor, now).asUpsert("update", matchedField));
                } else {
                    results.add(insertOne(writable(fields), actor, now).asUpsert("insert", null));
                }
            }
            return results;
        });
    }

    /** Moves each live id to the recycle bin. */
    List<WriteResult> delete(List<String> ids, Actor actor, long now) {
        return write(() -> {
            List<WriteResult> results = new ArrayList<>(ids.size());
            for (String id : ids) {
                int index = liveIndex(id);
                if (index < 0) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("api_name", "id");
                    details.put("id", id);
                    results.add(WriteResult.error("INVALID_DATA", "the related id given seems to be invalid", details));
                } else {
                    deleteOne(index, "recycle", actor, now);
                    results.add(WriteResult.success("record deleted", new LinkedHashMap<>(Map.of("id", id))));
                }
            }
            return results;
        });
    }

    // ---- changes made by /_sim

    /**
     * The live records {@code /_sim} acts on: the given ids, or {@code count} records spread evenly over
     * the module in id order.
     */
    List<Integer> pick(List<String> ids, Integer count) {
        return read(() -> {
            List<Integer> picked = new ArrayList<>();
            if (ids != null) {
                for (String id : ids) {
                    int index = liveIndex(id);
                    if (index < 0) {
                        throw new IllegalArgumentException("unknown or deleted id in " + schema.apiName() + ": " + id);
                    }
                    picked.add(index);
                }
                return picked;
            }
            int live = size - deletedCount;
            if (count == null || count < 0 || count > live) {
                throw new IllegalArgumentException("count must be 0.." + live + " (the live records of "
                        + schema.apiName() + "), or give ids");
            }
            long[] byId = view(SortField.ID).keys();
            for (int j = 0; j < count; j++) {
                picked.add((int) (byId[(int) ((long) j * live / count)] & INDEX_MASK));
            }
            return picked;
        });
    }

    /** Gives the records one Modified_Time (and optionally new values, checked against the schema). */
    List<String> modify(List<Integer> indexes, long time, Map<String, Object> changes) {
        for (String field : changes.keySet()) {
            FieldDef def = schema.field(field);
            if (def == null || def.readOnly()) {
                throw new IllegalArgumentException("not a writable field of " + schema.apiName() + ": " + field);
            }
        }
        return write(() -> {
            List<String> ids = new ArrayList<>(indexes.size());
            for (int index : indexes) {
                applyChanges(index, changes);
                modified[index] = time;
                ids.add(values.id(index));
            }
            version++;
            return ids;
        });
    }

    List<String> remove(List<Integer> indexes, boolean permanent, Actor actor, long time) {
        return write(() -> {
            List<String> ids = new ArrayList<>(indexes.size());
            for (int index : indexes) {
                if (!deleted.get(index)) {
                    deleteOne(index, permanent ? "permanent" : "recycle", actor, time);
                    ids.add(values.id(index));
                }
            }
            return ids;
        });
    }

    // ---- internals (caller holds the lock)

    private WriteResult insertOne(Map<String, Object> changes, Actor actor, long now) {
        if (size >= MAX_RECORDS) {
            return WriteResult.error("LIMIT_EXCEEDED", "the module holds the most records the simulator allows",
                    new LinkedHashMap<>(Map.of("limit", MAX_RECORDS)));
        }
        int index = size++;
        if (index >= modified.length) {
            modified = Arrays.copyOf(modified, modified.length * 2);
        }
        int inserted = index - values.seeded();
        if (inserted >= insertedCreated.length) {
            insertedCreated = Arrays.copyOf(insertedCreated, insertedCreated.length * 2);
        }
        insertedCreated[inserted] = now;
        modified[index] = now;
        Map<String, Object> stored = new HashMap<>();
        stored.put("Created_By", actor.lookup());
        stored.put("Modified_By", actor.lookup());
        overrides.put(index, stored);
        Map<String, Object> owned = changes;
        FieldDef owner = schema.field("Owner");
        if (owner != null && !owner.readOnly() && changes.get("Owner") == null) {
            // Zoho makes the calling user the owner of a record inserted without one
            owned = new LinkedHashMap<>(changes);
            owned.put("Owner", actor.lookup());
        }
        applyChanges(index, owned);
        version++;
        return WriteResult.success("record added", writeDetails(index));
    }

    private WriteResult updateOne(int index, Map<String, Object> changes, Actor actor, long now) {
        Map<String, Object> withModifier = new HashMap<>(changes);
        withModifier.put("Modified_By", actor.lookup());
        applyChanges(index, withModifier);
        modified[index] = now;
        version++;
        return WriteResult.success("record updated", writeDetails(index));
    }

    private void deleteOne(int index, String type, Actor actor, long time) {
        for (Map.Entry<String, Map<String, Integer>> indexed : duplicateIndexes.entrySet()) {
            String key = duplicateKey(value(index, schema.field(indexed.getKey())));
            if (key != null) {
                indexed.getValue().remove(key, index);
            }
        }
        deletedLog.add(new DeletedRecord(index, values.id(index), displayName(index), type, time, actor));
        deleted.set(index);
        deletedCount++;
        overrides.remove(index);
        version++;
    }

    /** Stores new values, keeping the duplicate-check indexes in step. */
    private void applyChanges(int index, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return;
        }
        for (Map.Entry<String, Map<String, Integer>> indexed : duplicateIndexes.entrySet()) {
            if (changes.containsKey(indexed.getKey())) {
                String oldKey = duplicateKey(value(index, schema.field(indexed.getKey())));
                if (oldKey != null) {
                    indexed.getValue().remove(oldKey, index);
                }
                String newKey = duplicateKey(changes.get(indexed.getKey()));
                if (newKey != null) {
                    indexed.getValue().putIfAbsent(newKey, index);
                }
            }
        }
        overrides.computeIfAbsent(index, i -> new HashMap<>()).putAll(changes);
    }

    private Map<String, Integer> duplicateIndex(FieldDef field) {
        return duplicateIndexes.computeIfAbsent(field.apiName(), name -> {
            Map<String, Integer> index = new HashMap<>();
            for (int i = deleted.nextClearBit(0); i < size; i = deleted.nextClearBit(i + 1)) {
                String key = duplicateKey(value(i, field));
                if (key != null) {
                    index.putIfAbsent(key, i);
                }
            }
            return index;
        });
    }

    /** Values match case-insensitively and ignoring surrounding blanks, as Zoho's duplicate check does. */
    private static String duplicateKey(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> lookup && lookup.get("id") != null) {
            return "id:" + lookup.get("id");
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        return text.isEmpty() ? null : text;
    }

    private Map<String, Object> writeDetails(int index) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("Modified_Time", ZohoTimes.format(modified[index], offset));
        details.put("Modified_By", nameAndId(value(index, schema.field("Modified_By"))));
        details.put("Created_Time", ZohoTimes.format(createdTime(index), offset));
        details.put("id", values.id(index));
        details.put("Created_By", nameAndId(value(index, schema.field("Created_By"))));
        return details;
    }

    private static Map<String, Object> nameAndId(Object lookup) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (lookup instanceof Map<?, ?> map) {
            out.put("name", map.get("name"));
            out.put("id", map.get("id"));
        } else if (lookup instanceof Actor actor) {
            out.put("name", actor.name());
            out.put("id", actor.id());
        }
        return out;
    }

    private WriteResult checkObjectAndFields(Object record, int position) {
        if (!(record instanceof Map<?, ?> map)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("expected_data_type", "jsonobject");
            details.put("json_path", "$.data[" + position + "]");
            return WriteResult.error("INVALID_DATA", "invalid data", details);
        }
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (!name.equals("id") && !name.startsWith("$") && schema.field(name) == null) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("api_name", name);
                details.put("json_path", "$.data[" + position + "]." + name);
                return WriteResult.error("INVALID_DATA", "invalid data", details);
            }
        }
        return null;
    }

    /** Insert: every mandatory field present and not blank. Update: none blanked. */
    private WriteResult checkMandatory(Map<String, Object> record, int position, boolean inserting) {
        for (FieldDef field : schema.fields()) {
            if (!field.systemMandatory()) {
                continue;
            }
            boolean present = record.containsKey(field.apiName());
            Object value = record.get(field.apiName());
            boolean blank = value == null || (value instanceof String s && s.isBlank());
            if (blank && (inserting || present)) {
                return mandatoryMissing(field.apiName(), position);
            }
        }
        return null;
    }

    private static WriteResult mandatoryMissing(String field, int position) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("api_name", field);
        details.put("json_path", "$.data[" + position + "]." + field);
        return WriteResult.error("MANDATORY_NOT_FOUND", "required field not found", details);
    }

    private static WriteResult invalidId(int position) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("api_name", "id");
        details.put("json_path", "$.data[" + position + "].id");
        return WriteResult.error("INVALID_DATA", "the related id given seems to be invalid", details);
    }

    /** The fields a client may set: read-only ones (id, times, audit users) and {@code $} keys are ignored. */
    private Map<String, Object> writable(Map<String, Object> record) {
        Map<String, Object> out = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            FieldDef field = schema.field(name);
            if (field != null && !field.readOnly()) {
                out.put(name, value);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object record) {
        return (Map<String, Object>) record;
    }

    private static String idOf(Map<String, Object> record) {
        Object id = record.get("id");
        return id == null || id.toString().isBlank() ? null : id.toString().trim();
    }

    private int liveIndex(String id) {
        int index = values.indexOf(id);
        return index < 0 || index >= size || deleted.get(index) ? -1 : index;
    }

    private long createdTime(int index) {
        return index < values.seeded() ? values.createdTime(index) : insertedCreated[index - values.seeded()];
    }

    private Map<String, Object> record(int index, List<FieldDef> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", values.id(index));
        for (FieldDef field : fields) {
            if (field.kind() != FieldKind.ID) {
                out.put(field.apiName(), value(index, field));
            }
        }
        return out;
    }

    private Object value(int index, FieldDef field) {
        switch (field.kind()) {
            case ID:
                return values.id(index);
            case CREATED_TIME:
                return ZohoTimes.format(createdTime(index), offset);
            case MODIFIED_TIME:
                return ZohoTimes.format(modified[index], offset);
            default:
                Map<String, Object> written = overrides.get(index);
                if (written != null && written.containsKey(field.apiName())) {
                    return written.get(field.apiName());
                }
                return index < values.seeded() ? values.value(index, field) : null;
        }
    }

    private String displayName(int index) {
        StringBuilder name = new StringBuilder();
        for (String field : schema.displayFields()) {
            Object value = value(index, schema.field(field));
            if (value != null && !value.toString().isBlank()) {
                name.append(name.length() == 0 ? "" : " ").append(value);
            }
        }
        return name.toString();
    }

    private SortedView view(SortField sort) {
        SortedView current = views.get(sort.ordinal());
        if (current != null && current.version() == version) {
            return current;
        }
        long[] keys = new long[size - deletedCount];
        int n = 0;
        for (int i = deleted.nextClearBit(0); i < size; i = deleted.nextClearBit(i + 1)) {
            long key = switch (sort) {
                case ID -> 0;
                case CREATED_TIME -> createdTime(i);
                case MODIFIED_TIME -> modified[i];
            };
            keys[n++] = pack(key, i);
        }
        if (sort != SortField.ID) {
            Arrays.sort(keys);
        }
        SortedView built = new SortedView(version, keys);
        views.set(sort.ordinal(), built);
        return built;
    }

    /** (sort key, index) as one long that orders like the pair; keys are epoch seconds up to year 9999. */
    static long pack(long key, int index) {
        return (key << INDEX_BITS) | index;
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Live records in one sort order, valid while the module is at {@code version}. */
    private record SortedView(long version, long[] keys) {
    }
}

package io.zohoconnect.sync;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.zohoconnect.crm.ModuleNames;

/**
 * One module sync, as a {@code zoho-crm:changes} consumer declares it: which connection and module, which
 * fields (empty = discover them), where records go (shown, not sent to: the consumer's route sends them),
 * when, and how.
 */
public record SyncSpec(
        String id,
        String connectionId,
        String module,
        List<String> fields,
        String sink,
        String schedule,
        Mode mode,
        boolean deletions,
        Batch batch,
        String bulkCriteria,
        ReadPath readPath) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** A sync without Bulk Read criteria. */
    public SyncSpec(String id, String connectionId, String module, List<String> fields, String sink, String schedule,
            Mode mode, boolean deletions, Batch batch) {
        this(id, connectionId, module, fields, sink, schedule, mode, deletions, batch, null, ReadPath.MODE);
    }

    /** A sync that reads the way its mode says. */
    public SyncSpec(String id, String connectionId, String module, List<String> fields, String sink, String schedule,
            Mode mode, boolean deletions, Batch batch, String bulkCriteria) {
        this(id, connectionId, module, fields, sink, schedule, mode, deletions, batch, bulkCriteria, ReadPath.MODE);
    }

    public SyncSpec {
        fields = List.copyOf(fields);
        bulkCriteria = bulkCriteria == null || bulkCriteria.isBlank() ? null : bulkCriteria.trim();
        readPath = readPath == null ? ReadPath.MODE : readPath;
        if (bulkCriteria != null && mode != Mode.BULK) {
            throw new IllegalArgumentException("sync " + id + ": bulkCriteria applies to mode=bulk only");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("sync id must be 1-200 characters of letters, digits, '.', '_' or '-', got " + id);
        }
        if (connectionId == null || connectionId.isBlank()) {
            throw new IllegalArgumentException("sync " + id + ": connectionId is required");
        }
        if (!ModuleNames.valid(module)) {
            throw new IllegalArgumentException("sync " + id + ": module must be a CRM module api name such as Leads, got " + module);
        }
        if (sink == null || sink.isBlank()) {
            throw new IllegalArgumentException("sync " + id + ": sink (a Camel endpoint URI) is required");
        }
    }

    /**
     * {@code full}: every run reads the whole module; {@code incremental}: only what changed since the checkpoint;
     * {@code notifications}: Zoho's watch callbacks, with incremental runs as the gap fill; {@code bulk}: full
     * reads through Bulk Read jobs.
     */
    public enum Mode {
        FULL, INCREMENTAL, NOTIFICATIONS, BULK;

        public static Mode parse(String value) {
            return value == null || value.isBlank() ? INCREMENTAL : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * How a run reads the module. {@code mode}: as the mode says (listing pages; Bulk Read jobs for {@code bulk}).
     * {@code auto}: a run that reads the whole module ({@code full}, {@code bulk}) takes the path that costs the
     * fewest API credits for the records the last complete run delivered (listing or Bulk Read, by the cost table:
     * {@link io.zohoconnect.credits.ReadCosts}); an incremental run always lists (only the changes since its
     * checkpoint, which Bulk Read cannot resume from).
     */
    public enum ReadPath {
        MODE, AUTO;

        public static ReadPath parse(String value) {
            return value == null || value.isBlank() ? MODE : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** {@code record}: one message per record; {@code page}: one message per page (a JSON array). */
    public enum Batch {
        RECORD, PAGE;

        public static Batch parse(String value) {
            return value == null || value.isBlank() ? RECORD : valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** This sync with its sink named {@code sink}: where the route that follows it sends its records. */
    public SyncSpec withSink(String sink) {
        return new SyncSpec(id, connectionId, module, fields, sink, schedule, mode, deletions, batch, bulkCriteria, readPath);
    }

    /** Parses a comma-separated field list; blank means "discover". */
    public static List<String> fieldList(String fields) {
        if (fields == null || fields.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(fields.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}

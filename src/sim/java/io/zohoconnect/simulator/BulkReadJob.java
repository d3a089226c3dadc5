package io.zohoconnect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Bulk Read job (ZOHO-API.md §14). Its state follows the simulator's clock — ADDED for
 * {@link BulkReadJobs.Timings#addedSeconds()}, IN PROGRESS for {@link BulkReadJobs.Timings#runSeconds()} plus
 * the export of its page's records at {@link BulkReadJobs.Timings#recordsPerSecond()} (counted when the job is
 * created), then COMPLETED — unless {@code /_sim} moved it on. On completion it fixes which records its page holds
 * (their values are read when the result is downloaded, in chunks).
 */
final class BulkReadJob {

    enum State {
        ADDED("ADDED"), IN_PROGRESS("IN PROGRESS"), COMPLETED("COMPLETED"), FAILURE("FAILURE");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }

        static State parse(String text) {
            for (State state : values()) {
                if (state.wire.equalsIgnoreCase(text) || state.name().equalsIgnoreCase(text)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("state must be ADDED, IN PROGRESS, COMPLETED or FAILURE");
        }
    }

    /** The page this job exported. */
    record Result(int page, int count, boolean moreRecords, String nextPageToken, int[] indexes, Instant completedAt) {
    }

    /** Results can be downloaded for one day after completion. */
    static final Duration RESULT_LIFETIME = Duration.ofDays(1);

    private final String id;
    private final SimOrg org;
    private final ModuleRecords records;
    private final List<FieldDef> fields;
    private final Predicate<ModuleRecords.Row> filter;
    private final JsonNode criteria;
    private final int page;
    private final int pageRows;
    private final String callbackUrl;
    private final Actor createdBy;
    private final Instant createdAt;
    private final BulkReadJobs.Timings timings;
    private final Duration exportTime;
    // guarded by this
    private State forced;
    private Result result;
    private boolean callbackDue;

    BulkReadJob(String id, SimOrg org, ModuleRecords records, List<FieldDef> fields, Predicate<ModuleRecords.Row> filter,
                JsonNode criteria, int page, String callbackUrl, Actor createdBy, Instant createdAt,
                BulkReadJobs.Timings timings) {
        this.id = id;
        this.org = org;
        this.records = records;
        this.fields = List.copyOf(fields);
        this.filter = filter;
        this.criteria = criteria;
        this.page = page;
        this.pageRows = timings.pageRows();
        this.callbackUrl = callbackUrl;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.timings = timings;
        this.exportTime = timings.recordsPerSecond() == 0 ? Duration.ZERO : Duration.ofMillis(
                (long) Math.ceil(1000.0 * records.matching(filter, (long) (page - 1) * pageRows, pageRows).indexes().length
                        / timings.recordsPerSecond()));
    }

    String id() {
        return id;
    }

    SimOrg org() {
        return org;
    }

    ModuleRecords records() {
        return records;
    }

    List<FieldDef> fields() {
        return fields;
    }

    int page() {
        return page;
    }

    int pageRows() {
        return pageRows;
    }

    String callbackUrl() {
        return callbackUrl;
    }

    Instant createdAt() {
        return createdAt;
    }

    Actor createdBy() {
        return createdBy;
    }

    JsonNode criteria() {
        return criteria;
    }

    /**
     * The state at {@code now}; a job that reaches COMPLETED here fixes its result, and its callback becomes
     * due (taken once by {@link #takeCallback()}).
     */
    synchronized State state(Instant now, PageTokenIssuer tokens) {
        State state = forced != null ? forced : byClock(now);
        if (state == State.COMPLETED && result == null) {
            ModuleRecords.Matches matches = records.matching(filter, (long) (page - 1) * pageRows, pageRows);
            String next = matches.more() ? tokens.issue(this, page + 1) : null;
            result = new Result(page, matches.indexes().length, matches.more(), next, matches.indexes(), now);
            callbackDue = callbackUrl != null;
        }
        return state;
    }

    /** Moves the job to {@code to} (or its next state) at once, whatever the clock says. */
    synchronized State advance(State to, Instant now, PageTokenIssuer tokens) {
        State current = state(now, tokens);
        State next = to != null ? to : switch (current) {
            case ADDED -> State.IN_PROGRESS;
            case IN_PROGRESS, COMPLETED -> State.COMPLETED;
            case FAILURE -> State.FAILURE;
        };
        if (next == State.FAILURE && forced != State.FAILURE) {
            callbackDue = callbackUrl != null;
        }
        forced = next;
        return state(now, tokens);
    }

    synchronized Result result() {
        return result;
    }

    /** True once, when the completion (or failure) callback should go out. */
    synchronized boolean takeCallback() {
        boolean due = callbackDue;
        callbackDue = false;
        return due;
    }

    synchronized boolean active(Instant now, PageTokenIssuer tokens) {
        State state = state(now, tokens);
        return state == State.ADDED || state == State.IN_PROGRESS;
    }

    private State byClock(Instant now) {
        Instant running = createdAt.plusSeconds(timings.addedSeconds());
        if (now.isBefore(running)) {
            return State.ADDED;
        }
        return now.isBefore(running.plusSeconds(timings.runSeconds()).plus(exportTime)) ? State.IN_PROGRESS : State.COMPLETED;
    }

    /** Issues the {@code next_page_token} of a job whose page has more records after it. */
    interface PageTokenIssuer {
        String issue(BulkReadJob job, int nextPage);
    }

    Map<String, Object> describeForControl(Instant now, PageTokenIssuer tokens) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("org", org.key());
        out.put("module", records.schema().apiName());
        out.put("state", state(now, tokens).wire());
        out.put("page", page);
        Result done = result();
        out.put("count", done == null ? null : done.count());
        out.put("more_records", done == null ? null : done.moreRecords());
        out.put("callback_url", callbackUrl);
        return out;
    }
}

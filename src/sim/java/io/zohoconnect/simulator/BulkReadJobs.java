package io.zohoconnect.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every Bulk Read job of the simulator by id, how fast jobs run, and the sub-limit on jobs running at
 * once per org (ZOHO-API.md §10, §14). Page tokens of jobs are remembered here: one names the job
 * parameters and the next page.
 */
final class BulkReadJobs implements BulkReadJob.PageTokenIssuer {

    /**
     * How jobs run.
     *
     * @param addedSeconds     how long a new job stays ADDED, by the simulator's clock
     * @param runSeconds       then how long IN PROGRESS before COMPLETED, whatever its size
     * @param jobLimit         jobs ADDED or IN PROGRESS per org at once; the next is refused with 429
     * @param pageRows         records per job page (Zoho: 200,000)
     * @param recordsPerSecond how fast a job exports: IN PROGRESS lasts {@code runSeconds} plus the records of its page
     *                         at this rate (Zoho documents no rate: benchmarks choose one); 0 = no time per record
     */
    record Timings(long addedSeconds, long runSeconds, int jobLimit, int pageRows, long recordsPerSecond) {

        static final Timings ZOHO = new Timings(1, 2, 10, 200_000, 0);

        Timings {
            if (addedSeconds < 0 || runSeconds < 0 || recordsPerSecond < 0) {
                throw new IllegalArgumentException("addedSeconds, runSeconds and recordsPerSecond must not be negative");
            }
            if (jobLimit < 1 || pageRows < 1 || pageRows > 200_000) {
                throw new IllegalArgumentException("jobLimit must be at least 1 and pageRows 1..200000");
            }
        }
    }

    /** What a page token continues: the job it came from and the page after it. */
    record Continuation(BulkReadJob job, int page) {
    }

    private final Map<String, BulkReadJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, Continuation> tokens = new ConcurrentHashMap<>();
    private final AtomicReference<Timings> timings = new AtomicReference<>(Timings.ZOHO);
    private final AtomicLong sequence = new AtomicLong();

    Timings timings() {
        return timings.get();
    }

    void timings(Timings value) {
        timings.set(value);
    }

    void resetTimings() {
        timings.set(Timings.ZOHO);
    }

    /** A new 19-digit job id, distinct within the org. */
    String newId(SimOrg org) {
        return SimOrg.zohoId("bulk-read/" + org.id() + "/" + sequence.incrementAndGet());
    }

    void add(BulkReadJob job) {
        jobs.put(job.id(), job);
    }

    /** The job of this org; null when unknown (or another org's). */
    BulkReadJob get(SimOrg org, String id) {
        BulkReadJob job = jobs.get(id);
        return job != null && job.org() == org ? job : null;
    }

    BulkReadJob get(String id) {
        return jobs.get(id);
    }

    int active(SimOrg org, Instant now) {
        return (int) jobs.values().stream().filter(j -> j.org() == org && j.active(now, this)).count();
    }

    List<BulkReadJob> all() {
        List<BulkReadJob> out = new ArrayList<>(jobs.values());
        out.sort(Comparator.comparing(BulkReadJob::createdAt).thenComparing(BulkReadJob::id));
        return out;
    }

    Continuation continuation(String token) {
        return tokens.get(token);
    }

    @Override
    public String issue(BulkReadJob job, int nextPage) {
        String token = SimOrg.zohoId("bulk-page/" + job.id() + "/" + nextPage);
        tokens.put(token, new Continuation(job, nextPage));
        return token;
    }

    /** Jobs whose result can no longer be downloaded are forgotten, with their page tokens: they hold record lists. */
    void forgetExpired(Instant now) {
        jobs.values().removeIf(job -> {
            BulkReadJob.Result result = job.result();
            return result != null && !now.isBefore(result.completedAt().plus(BulkReadJob.RESULT_LIFETIME)
                    .plus(BulkReadJob.RESULT_LIFETIME));
        });
        tokens.values().removeIf(next -> !jobs.containsKey(next.job().id()));
    }

    void clear() {
        jobs.clear();
        tokens.clear();
    }
}

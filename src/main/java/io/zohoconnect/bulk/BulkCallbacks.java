package io.zohoconnect.bulk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zohoconnect.credentials.Randoms;
import io.zohoconnect.crm.ZohoApiSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Zoho's completion callbacks of Bulk Read jobs. Zoho signs nothing and sends no token of ours in the
 * body, so each job gets its own random callback URL, {@code {zoho.public-url}/zoho/bulk-callbacks/{token}}:
 * the token in the path is the only credential. Only its SHA-256 is stored, and a callback finds its job
 * by that hash (an index lookup, never a byte-by-byte comparison with a secret). A callback only wakes the
 * export waiting for the job sooner — the export then asks Zoho for the job's state itself — so a forged,
 * repeated or lost callback can neither fake a result nor stall an export (which polls with backoff anyway).
 */
@Component
public class BulkCallbacks {

    /** The path under which callbacks arrive, followed by the job's token. */
    public static final String PATH = "/zoho/bulk-callbacks/";
    private static final int TOKEN_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(BulkCallbacks.class);

    private final ZohoApiSettings properties;
    private final BulkJobStore jobs;
    /** Exports of this node waiting for their job, by job id. */
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    BulkCallbacks(ZohoApiSettings properties, BulkJobStore jobs) {
        this.properties = properties;
        this.jobs = jobs;
    }

    /** A new job's callback: its token (to hand Zoho in the URL) and the hash stored for it; none without a public URL. */
    Optional<Callback> newCallback() {
        if (!properties.hasPublicUrl()) {
            return Optional.empty();
        }
        String token = Randoms.urlSafe(TOKEN_BYTES);
        return Optional.of(new Callback(properties.publicUrl() + PATH + token, Randoms.sha256Hex(token)));
    }

    /** What a callback to {@code PATH + token} did. */
    public enum Outcome { ACCEPTED, UNKNOWN_TOKEN, WRONG_JOB }

    /**
     * A callback arrived: when {@code token} is one of our jobs' and the body names that job, records it and
     * wakes the export waiting on this node (one on another node sees it at its next poll).
     */
    public Outcome receive(String token, String jobId, String state) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Outcome.UNKNOWN_TOKEN;
        }
        Optional<BulkJob> job = jobs.findByCallback(Randoms.sha256Hex(token));
        if (job.isEmpty()) {
            return Outcome.UNKNOWN_TOKEN;
        }
        if (jobId != null && !jobId.isEmpty() && !jobId.equals(job.get().jobId())) {
            return Outcome.WRONG_JOB;
        }
        jobs.calledBack(job.get(), state == null || state.isBlank() ? "UNKNOWN" : state);
        log.debug("Sync {}: Zoho called back for Bulk Read job {} ({})", job.get().syncId(), job.get().jobId(), state);
        CountDownLatch latch = waiting.get(job.get().jobId());
        if (latch != null) {
            latch.countDown();
        }
        return Outcome.ACCEPTED;
    }

    /**
     * Listens for callbacks of the job from now on — taken before asking Zoho for the job's state, so a
     * callback arriving between that answer and the wait is not missed.
     */
    Listener listen(String jobId) {
        CountDownLatch latch = new CountDownLatch(1);
        waiting.put(jobId, latch);
        return new Listener(jobId, latch);
    }

    /** Callbacks of one job, heard by one waiting export. */
    final class Listener implements AutoCloseable {

        private final String jobId;
        private final CountDownLatch latch;

        private Listener(String jobId, CountDownLatch latch) {
            this.jobId = jobId;
            this.latch = latch;
        }

        /** Waits up to {@code wait} for a callback; true when one came. */
        boolean await(Duration wait) throws InterruptedException {
            return latch.await(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            waiting.remove(jobId, latch);
        }
    }

    /** A job's callback URL and the hash of its token. */
    record Callback(String url, String tokenHash) {

        @Override
        public String toString() {
            return "Callback[url hidden]"; // the URL carries the token
        }
    }
}

package io.zohoconnect.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.zohoconnect.connection.ConnectionSettings;
import io.zohoconnect.credentials.Randoms;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.crm.wire.CrmErrorCodes;
import io.zohoconnect.sync.BulkExport;
import io.zohoconnect.sync.CrmRecord;
import io.zohoconnect.sync.CrmRecordPage;
import io.zohoconnect.sync.ModuleFields;
import io.zohoconnect.sync.SyncMessage;
import io.zohoconnect.sync.SyncSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code mode=bulk}: a full sync through Zoho's Bulk Read. Per page of the export (200,000 rows) it creates
 * a job — holding one of the org's bulk slots until Zoho is done — follows it (woken by Zoho's callback
 * when {@code zoho.public-url} is set, polling with backoff in any case), downloads the zipped CSV into a
 * file under {@code zoho.data-dir/bulk}, and streams its rows, typed by the module's field metadata, into
 * the sync's delivery {@value #BATCH} at a time (one message per record, or one per batch with
 * {@code batch=page}). After each batch the rows delivered of the job are stored with it; a run that
 * stopped — crash, a route that failed, shutdown — resumes the same job after those rows as long as Zoho
 * still serves its result, and the next job page follows with the page token Zoho gave.
 */
@Component
class BulkReadExport implements BulkExport {

    /** Records per message with batch=page, and per checkpoint: a listing page's size. */
    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(BulkReadExport.class);

    private final BulkReadClient zoho;
    private final BulkJobStore jobs;
    private final BulkCallbacks callbacks;
    private final BulkJobSlots slots;
    private final ModuleFields fields;
    private final BulkSettings settings;
    private final Clock clock;
    private final Path downloads;

    BulkReadExport(BulkReadClient zoho, BulkJobStore jobs, BulkCallbacks callbacks, BulkJobSlots slots,
            ModuleFields fields, BulkSettings settings, Clock clock, ConnectionSettings properties) {
        this.zoho = zoho;
        this.jobs = jobs;
        this.callbacks = callbacks;
        this.slots = slots;
        this.fields = fields;
        this.settings = settings;
        this.clock = clock;
        this.downloads = properties.dataDir().resolve("bulk");
    }

    @Override
    public void export(SyncSpec spec, List<String> fieldList, Progress progress) throws Exception {
        CsvValueTypes types = new CsvValueTypes(fields.typesOf(spec.connectionId(), spec.module()));
        removeLeftovers(spec);
        // what the job exports: a stored job for other fields or other criteria is not resumed
        String fieldsKey = Randoms.sha256Hex(spec.module() + ":" + String.join(",", fieldList)
                + (spec.bulkCriteria() == null ? "" : "\n" + spec.bulkCriteria()));
        BulkJob job = resumable(spec, fieldsKey).orElse(null);
        int page = job != null ? job.page() : 1;
        String pageToken = null;
        while (true) {
            BulkJobStatus done;
            try {
                try (BulkJobSlots.Slot slot = slots.take(spec.connectionId(), progress::keepAlive)) {
                    if (job == null) {
                        job = create(spec, fieldList, fieldsKey, page, pageToken);
                    }
                    done = follow(spec, job, progress);
                }
                if (done == null || !deliverPage(spec, job, done, types, progress)) {
                    return; // stopping: the job and the rows delivered are stored for the next run
                }
            } catch (BulkReadClient.ResultGoneException gone) {
                // by page number, not token: the token came from a job as old as this one
                log.info("Sync {}: Bulk Read job {} is gone at Zoho ({}); page {} is exported again by a new job",
                        spec.id(), job.jobId(), gone.getMessage(), job.page());
                jobs.forget(spec.id());
                page = job.page();
                pageToken = null;
                job = null;
                continue;
            }
            if (!done.moreRecords()) {
                jobs.forget(spec.id());
                return;
            }
            page = job.page() + 1;
            pageToken = done.nextPageToken();
            job = null;
        }
    }

    /** The job a stopped run left, if it is this export's and Zoho still serves its result; else none (and forgotten). */
    private Optional<BulkJob> resumable(SyncSpec spec, String fieldsKey) {
        Optional<BulkJob> stored = jobs.find(spec.id());
        if (stored.isEmpty()) {
            return stored;
        }
        BulkJob job = stored.get();
        boolean same = job.connectionId().equals(spec.connectionId()) && job.module().equals(spec.module())
                && job.fieldsKey().equals(fieldsKey);
        if (same && clock.instant().isBefore(job.createdAt().plus(settings.resultLifetime()))) {
            log.info("Sync {}: resuming Bulk Read job {} (page {} of the export) after its {} rows delivered", spec.id(),
                    job.jobId(), job.page(), job.rowsDelivered());
            return stored;
        }
        log.info("Sync {}: the stored Bulk Read job {} is {}; starting the export anew", spec.id(), job.jobId(),
                same ? "too old to download" : "for other fields");
        jobs.forget(spec.id());
        return Optional.empty();
    }

    private BulkJob create(SyncSpec spec, List<String> fieldList, String fieldsKey, int page, String pageToken) {
        Optional<BulkCallbacks.Callback> callback = callbacks.newCallback();
        String jobId;
        try {
            jobId = zoho.create(spec.connectionId(), spec.module(), fieldList, spec.bulkCriteria(), page, pageToken,
                    callback.map(BulkCallbacks.Callback::url).orElse(null));
        } catch (ZohoCrmException e) {
            if (CrmErrorCodes.SCOPE_MISMATCH.equals(e.code())) {
                throw new ZohoCrmException(e.status(), e.code(), e.zohoMessage(), "Sync " + spec.id() + ": mode=bulk"
                        + " needs the scope ZohoCRM.bulk.READ, which connection " + spec.connectionId() + " was not"
                        + " granted: connect it again with that scope", e.responseBody());
            }
            throw e;
        }
        log.info("Sync {}: Bulk Read job {} created for page {} of {} ({})", spec.id(), jobId, page, spec.module(),
                callback.isPresent() ? "Zoho calls back when done" : "polled: zoho.public-url is not set");
        return jobs.start(spec.id(), spec.connectionId(), spec.module(), fieldsKey, jobId, page,
                callback.map(BulkCallbacks.Callback::tokenHash).orElse(null));
    }

    /** Waits until Zoho completed the job; null when the node is stopping. */
    private BulkJobStatus follow(SyncSpec spec, BulkJob job, Progress progress) throws InterruptedException {
        Duration wait = settings.pollInitial();
        while (true) {
            progress.keepAlive();
            if (progress.stopping()) {
                return null;
            }
            try (BulkCallbacks.Listener callback = callbacks.listen(job.jobId())) {
                BulkJobStatus status = status(job);
                if (status.completed()) {
                    return status;
                }
                if (status.failed()) {
                    jobs.forget(spec.id());
                    throw new IllegalStateException("Zoho's Bulk Read job " + job.jobId() + " for " + spec.module()
                            + " failed; the next run starts a new one");
                }
                callback.await(wait);
            }
            wait = wait.multipliedBy(2).compareTo(settings.pollMax()) > 0 ? settings.pollMax() : wait.multipliedBy(2);
        }
    }

    private BulkJobStatus status(BulkJob job) {
        try {
            return zoho.status(job.connectionId(), job.jobId());
        } catch (ZohoCrmException e) {
            if (e.status() == 400 || e.status() == 404) {
                // Zoho no longer knows the job (results and jobs go after a day)
                throw new BulkReadClient.ResultGoneException(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Downloads the job's result and delivers its rows after those delivered before.
     *
     * @return false when the node is stopping (what was delivered is stored)
     */
    private boolean deliverPage(SyncSpec spec, BulkJob job, BulkJobStatus done, CsvValueTypes types, Progress progress)
            throws Exception {
        Files.createDirectories(downloads);
        Path file = downloads.resolve(spec.id() + "-" + job.jobId() + ".zip");
        try {
            zoho.download(spec.connectionId(), job.jobId(), done.downloadUrl(), file, progress::keepAlive);
            try (BulkResultRows rows = BulkResultRows.open(file, types)) {
                long delivered = rows.skip(job.rowsDelivered());
                List<CrmRecord> batch = new ArrayList<>(BATCH);
                while (rows.hasNext()) {
                    batch.add(rows.next());
                    if (batch.size() == BATCH || !rows.hasNext()) {
                        deliver(spec, batch, progress);
                        delivered += batch.size();
                        jobs.delivered(job, delivered);
                        progress.delivered(batch.size());
                        batch = new ArrayList<>(BATCH);
                        if (progress.stopping() && rows.hasNext()) {
                            return false;
                        }
                    }
                }
                log.info("Sync {}: page {} of the Bulk Read export delivered ({} rows)", spec.id(), job.page(), delivered);
            }
            return true;
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deliver(SyncSpec spec, List<CrmRecord> records, Progress progress) throws Exception {
        if (spec.batch() == SyncSpec.Batch.PAGE) {
            String last = records.get(records.size() - 1).text(ModuleFields.MODIFIED_TIME);
            progress.delivery().deliver(new SyncMessage(spec, new CrmRecordPage(records), null, last, false, records.size()));
            return;
        }
        for (CrmRecord record : records) {
            progress.delivery().deliver(new SyncMessage(spec, record, record.id(), record.text(ModuleFields.MODIFIED_TIME),
                    false, 1));
        }
    }

    /** Downloads a killed run of this sync left behind (a run deletes its own when done). */
    private void removeLeftovers(SyncSpec spec) throws IOException {
        if (!Files.isDirectory(downloads)) {
            return;
        }
        // job ids are digits: "a-Leads-123.zip" is a-Leads's, "a-Leads-2-123.zip" is another sync's
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(spec.id()) + "-[0-9]+\\.zip");
        try (var files = Files.newDirectoryStream(downloads, file -> ours.matcher(file.getFileName().toString()).matches())) {
            files.forEach(BulkReadExport::deleteQuietly);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the Bulk Read download {}: {}", file.getFileName(), e.getMessage());
        }
    }
}

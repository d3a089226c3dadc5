package io.zohoconnect.credits;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.zohoconnect.crm.CallPurpose;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The credits every org spent in the last 24 hours, shared by all nodes. A call is charged in memory
 * (one short lock per org, no I/O); {@link #flush} — every {@code zoho.credits.flush-interval} — adds what
 * this node counted to per-minute buckets in {@code zoho_credit_usage} (an UPDATE adding to the bucket, an
 * INSERT when it is new) and reads every org's window back, so each node sees the others' calls within
 * a flush. A bucket counts while any part of it is within 24 hours: the ledger lets a credit go no
 * earlier than Zoho does.
 */
@Component
public final class CreditLedger {

    static final Duration WINDOW = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(CreditLedger.class);

    private static final String ADD = "UPDATE zoho_credit_usage SET background = background + :background,"
            + " interactive = interactive + :interactive, calls = calls + :calls"
            + " WHERE org_id = :org AND bucket_start = :bucket";
    private static final String INSERT = "INSERT INTO zoho_credit_usage (org_id, bucket_start, background, interactive,"
            + " calls) VALUES (:org, :bucket, :background, :interactive, :calls) ON CONFLICT DO NOTHING";
    private static final String WINDOW_TOTALS = "SELECT org_id, SUM(background) AS background,"
            + " SUM(interactive) AS interactive, SUM(calls) AS calls, MIN(bucket_start) AS oldest"
            + " FROM zoho_credit_usage WHERE bucket_start > :since GROUP BY org_id";
    private static final String BUCKETS = "SELECT bucket_start, background, interactive FROM zoho_credit_usage"
            + " WHERE org_id = :org AND bucket_start > :since ORDER BY bucket_start";
    private static final String FORGET = "DELETE FROM zoho_credit_usage WHERE bucket_start < :before";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final long bucketMillis;
    private final ConcurrentMap<String, OrgTally> tallies = new ConcurrentHashMap<>();
    private volatile Instant forgotten = Instant.EPOCH;

    public CreditLedger(JdbcClient jdbc, Clock clock, CreditSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bucketMillis = Math.max(1_000, settings.bucket().toMillis());
    }

    /** A bucket's count: {background, interactive, calls}. */
    private static long[] counts() {
        return new long[3];
    }

    /** One org's counts: the window as last read, what is being flushed, and what was charged since. */
    private static final class OrgTally {
        long readBackground;
        long readInteractive;
        long readCalls;
        Instant oldest;
        long[] flushing = counts();
        Map<Long, long[]> pending = new HashMap<>();
        long[] pendingTotal = counts();

        long background() {
            return readBackground + flushing[0] + pendingTotal[0];
        }

        long interactive() {
            return readInteractive + flushing[1] + pendingTotal[1];
        }

        void add(long bucket, int index, long credits, long calls) {
            long[] counts = pending.computeIfAbsent(bucket, b -> counts());
            counts[index] += credits;
            counts[2] += calls;
            pendingTotal[index] += credits;
            pendingTotal[2] += calls;
        }
    }

    private OrgTally tally(String orgId) {
        return tallies.computeIfAbsent(orgId, id -> new OrgTally());
    }

    /**
     * Charges {@code credits} to the org if they fit: background work within {@code backgroundLimit} and
     * everything within {@code allowance}.
     *
     * @return the org's credits used in the window with these, or -1 (nothing charged) when they do not fit
     */
    public long charge(String orgId, CallPurpose purpose, int credits, long allowance, long backgroundLimit) {
        OrgTally tally = tally(orgId);
        long bucket = bucketOf(clock.instant());
        synchronized (tally) {
            long background = tally.background();
            long used = background + tally.interactive();
            if (used + credits > allowance || purpose == CallPurpose.BACKGROUND && background + credits > backgroundLimit) {
                return -1;
            }
            tally.add(bucket, purpose == CallPurpose.BACKGROUND ? 0 : 1, credits, 1);
            return used + credits;
        }
    }

    /** An attempt Zoho did not charge (no answer, token refused, 429): its credits back. */
    public void refund(String orgId, CallPurpose purpose, int credits) {
        OrgTally tally = tally(orgId);
        long bucket = bucketOf(clock.instant());
        synchronized (tally) {
            tally.add(bucket, purpose == CallPurpose.BACKGROUND ? 0 : 1, -credits, -1);
        }
    }

    public CreditUsage usage(String orgId) {
        OrgTally tally = tallies.get(orgId);
        if (tally == null) {
            return new CreditUsage(0, 0, 0, null);
        }
        synchronized (tally) {
            Instant oldest = tally.oldest;
            if (oldest == null && !tally.pending.isEmpty()) {
                oldest = Instant.ofEpochMilli(tally.pending.keySet().stream().min(Long::compare).orElseThrow());
            }
            return new CreditUsage(tally.background(), tally.interactive(),
                    tally.readCalls + tally.flushing[2] + tally.pendingTotal[2],
                    oldest == null ? null : oldest.plus(WINDOW).plusMillis(bucketMillis));
        }
    }

    /** The orgs the ledger has seen (for metrics). */
    public List<String> orgs() {
        return List.copyOf(tallies.keySet());
    }

    /** Per-bucket credits of the last 24 hours, oldest first: {bucket start, background, interactive}. */
    public List<long[]> buckets(String orgId) {
        flush();
        return jdbc.sql(BUCKETS).param("org", orgId).param("since", utc(since()))
                .query((rs, row) -> new long[] {rs.getObject("bucket_start", OffsetDateTime.class).toInstant().toEpochMilli(),
                        rs.getLong("background"), rs.getLong("interactive")}).list();
    }

    /**
     * Adds what this node counted since the last flush to the shared buckets, then reads every org's window
     * back. A failed write keeps the counts for the next flush (they still count here meanwhile).
     */
    public synchronized void flush() {
        Map<String, Map<Long, long[]>> batch = new HashMap<>();
        tallies.forEach((org, tally) -> {
            synchronized (tally) {
                if (!tally.pending.isEmpty()) {
                    batch.put(org, tally.pending);
                    add(tally.flushing, tally.pendingTotal);
                    tally.pending = new HashMap<>();
                    tally.pendingTotal = counts();
                }
            }
        });
        try {
            batch.forEach((org, buckets) -> buckets.forEach((bucket, counts) -> write(org, bucket, counts)));
        } catch (RuntimeException e) {
            log.warn("Could not add the API credits counted on this node to the ledger ({}); trying again at the next"
                    + " flush", e.getClass().getSimpleName());
            tallies.forEach((org, tally) -> {
                synchronized (tally) {
                    Map<Long, long[]> unwritten = batch.get(org);
                    if (unwritten != null) {
                        unwritten.forEach((bucket, counts) -> add(tally.pending.computeIfAbsent(bucket, b -> counts()), counts));
                        add(tally.pendingTotal, tally.flushing);
                        tally.flushing = counts();
                    }
                }
            });
            return;
        }
        Map<String, Object[]> window = new HashMap<>();
        jdbc.sql(WINDOW_TOTALS).param("since", utc(since())).query((ResultSet rs) -> {
            window.put(rs.getString("org_id"), new Object[] {rs.getLong("background"), rs.getLong("interactive"),
                    rs.getLong("calls"), rs.getObject("oldest", OffsetDateTime.class)});
        });
        window.keySet().forEach(this::tally);
        tallies.forEach((org, tally) -> {
            Object[] read = window.get(org);
            synchronized (tally) {
                tally.readBackground = read == null ? 0 : (long) read[0];
                tally.readInteractive = read == null ? 0 : (long) read[1];
                tally.readCalls = read == null ? 0 : (long) read[2];
                tally.oldest = read == null ? null : ((OffsetDateTime) read[3]).toInstant();
                tally.flushing = counts();
            }
        });
        forgetOldBuckets();
    }

    private void write(String org, long bucket, long[] counts) {
        OffsetDateTime start = utc(Instant.ofEpochMilli(bucket));
        if (update(org, start, counts) == 0
                && jdbc.sql(INSERT).param("org", org).param("bucket", start).param("background", counts[0])
                        .param("interactive", counts[1]).param("calls", counts[2]).update() == 0) {
            update(org, start, counts); // another node inserted the bucket first
        }
    }

    private int update(String org, OffsetDateTime bucket, long[] counts) {
        return jdbc.sql(ADD).param("background", counts[0]).param("interactive", counts[1]).param("calls", counts[2])
                .param("org", org).param("bucket", bucket).update();
    }

    /** Buckets a day old are dropped now and then (every hour), not at every flush. */
    private void forgetOldBuckets() {
        Instant now = clock.instant();
        if (Duration.between(forgotten, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        forgotten = now;
        jdbc.sql(FORGET).param("before", utc(now.minus(WINDOW).minus(Duration.ofHours(1)))).update();
    }

    /** Buckets starting after this still have a part within the last 24 hours. */
    private Instant since() {
        return clock.instant().minus(WINDOW).minusMillis(bucketMillis);
    }

    private long bucketOf(Instant at) {
        long millis = at.toEpochMilli();
        return millis - Math.floorMod(millis, bucketMillis);
    }

    private static void add(long[] into, long[] counts) {
        for (int i = 0; i < into.length; i++) {
            into[i] += counts[i];
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

package io.zohoconnect.credits;

import org.springframework.stereotype.Component;

/**
 * What reading a module's records costs in API credits by each read path, from the cost table
 * ({@link CreditCosts}) and each path's page size — the arithmetic behind {@code readPath=auto}
 * (src/docs/CREDITS.md, "The cheapest read"):
 * <ul>
 * <li>listing: {@value #LISTING_PAGE} records a call, 50 fields a call (one call per field group per page);
 * an empty module still costs its one call;</li>
 * <li>COQL: {@value #COQL_ROWS} rows a query, 50 fields, {@value #COQL_MAX_ROWS} rows at most — so it costs what
 * listing costs and cannot read more: it is priced, never cheaper;</li>
 * <li>Bulk Read: a job per {@value #BULK_PAGE} records, every field in one job; per job the initialize call
 * ({@code bulk-read}), at least one status call and the download; and per run one read of the module's field
 * metadata, which types the CSV's text (cached for {@code zoho.sync.field-cache-ttl}).</li>
 * </ul>
 */
@Component
public final class ReadCosts {

    public static final int LISTING_PAGE = 200;
    public static final int COQL_ROWS = 200;
    public static final int COQL_MAX_ROWS = 10_000;
    public static final int BULK_PAGE = 200_000;
    /** A job is followed by status calls until Zoho says it is done; the estimate counts the one a finished job needs. */
    static final int BULK_STATUS_CALLS = 1;

    /** The read paths a run can take. */
    public enum Path {
        LISTING, COQL, BULK
    }

    /** The credits each path would cost ({@code coql} is {@link Long#MAX_VALUE} past what COQL can read). */
    public record Estimate(long records, long listing, long coql, long bulk) {

        /** The cheapest path a sync can take (listing or Bulk Read; COQL never costs less than listing); ties list. */
        public Path cheapest() {
            return bulk < listing ? Path.BULK : Path.LISTING;
        }
    }

    private final CreditCosts costs;

    public ReadCosts(CreditCosts costs) {
        this.costs = costs;
    }

    /** The credits of reading {@code records} records of {@code fields} fields by each path. */
    public Estimate estimate(long records, int fields) {
        long n = Math.max(0, records);
        long groups = Math.max(1, ceil(Math.max(1, fields), 50));
        long call = costs.kind("default");
        long listing = Math.max(1, ceil(n, LISTING_PAGE)) * groups * call;
        long coql = n > COQL_MAX_ROWS ? Long.MAX_VALUE : Math.max(1, ceil(n, COQL_ROWS)) * groups * call;
        long jobs = Math.max(1, ceil(n, BULK_PAGE));
        long bulk = jobs * (costs.kind("bulk-read") + BULK_STATUS_CALLS * call + call) + call;
        return new Estimate(n, listing, coql, bulk);
    }

    private static long ceil(long n, long per) {
        return (n + per - 1) / per;
    }
}

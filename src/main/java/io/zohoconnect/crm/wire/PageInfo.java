package io.zohoconnect.crm.wire;

/**
 * The {@code info} block of a listing, search or COQL answer: {@code more_records} and, past 2,000
 * records, {@code next_page_token} (ZOHO-API.md §8). Absent numbers are 0, absent tokens null.
 */
public record PageInfo(int perPage, int count, int page, boolean moreRecords, String nextPageToken,
        String previousPageToken, String pageTokenExpiry, String sortBy, String sortOrder) {

    public static final PageInfo NONE = new PageInfo(0, 0, 0, false, null, null, null, null, null);
}

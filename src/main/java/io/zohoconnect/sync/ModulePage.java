package io.zohoconnect.sync;

import java.util.List;

/** One page of a CRM listing: its records (in order) and how to get the next one. */
record ModulePage(List<CrmRecord> records, String nextPageToken, boolean moreRecords) {

    static final ModulePage EMPTY = new ModulePage(List.of(), null, false);
}

package io.zohoconnect.sync;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One page of a CRM listing: its records (in order) and how to get the next one. */
record ModulePage(List<ObjectNode> records, String nextPageToken, boolean moreRecords) {

    static final ModulePage EMPTY = new ModulePage(List.of(), null, false);

    ModulePage {
        records = List.copyOf(records);
    }
}

package io.zohoconnect.sync;

import java.util.ArrayList;
import java.util.Collection;

/**
 * The records of one page as a sync with {@code batch=page} delivers them: a list of
 * {@link CrmRecord}s whose {@link #toString()} is a JSON array, so text sinks write JSON as they are.
 */
public final class CrmRecordPage extends ArrayList<CrmRecord> {

    private static final long serialVersionUID = 1L;

    public CrmRecordPage(Collection<CrmRecord> records) {
        super(records);
    }

    /** The page as a JSON array. */
    @Override
    public String toString() {
        return CrmRecord.json(this);
    }
}

package io.zohoconnect.component;

import java.util.Locale;

/** {@code list}: Zoho's sort order, {@code asc} or {@code desc} on the URI. */
public enum SortOrder {
    ASC, DESC;

    /** As Zoho's {@code sort_order} parameter takes it. */
    public String zohoName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

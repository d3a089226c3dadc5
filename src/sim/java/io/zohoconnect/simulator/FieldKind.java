package io.zohoconnect.simulator;

/** What a field holds, which decides how seeded values are derived (see {@link RecordValues}). */
enum FieldKind {
    ID, CREATED_TIME, MODIFIED_TIME, CREATED_BY, MODIFIED_BY,
    FIRST_NAME, LAST_NAME, COMPANY, EMAIL, PHONE, WEBSITE, PICKLIST, TEXTAREA, OWNER, LOOKUP,
    /** Unique per record: "{option} {company} #{n}", so it can serve as a duplicate-check field. */
    UNIQUE_NAME,
    CURRENCY, DATE, TEXT;

    boolean system() {
        return this == ID || this == CREATED_TIME || this == MODIFIED_TIME || this == CREATED_BY || this == MODIFIED_BY;
    }
}

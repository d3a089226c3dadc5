package io.zohoconnect.connection;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Zoho CRM org a grant belongs to, as {@code GET /crm/v8/org} names it: its id, company name
 * and edition (FREE, STANDARD, PROFESSIONAL, ENTERPRISE, ULTIMATE, … as Zoho spells it).
 */
public record ZohoOrg(String id, String name, String edition) {

    /** The sizes of the org_id, org_name and org_edition columns. */
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_EDITION_LENGTH = 32;

    /** Zoho's org ids are decimal numbers of about 19 digits; anything else is not one. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_.-]{1," + MAX_ID_LENGTH + "}");

    /**
     * The org as Zoho named it, bounded to what is stored: empty when the id is not one (too long, or
     * not id characters) — the org check compares ids, so a cut id could pass for another org's, and the
     * org counts as unreadable instead. Name and edition are only labels: cut to their columns.
     */
    public static Optional<ZohoOrg> fromZoho(String id, String name, String edition) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ZohoOrg(id, ColumnText.fit(name, MAX_NAME_LENGTH),
                ColumnText.fit(edition, MAX_EDITION_LENGTH)));
    }
}

package io.zohoconnect.connection;

/**
 * The Zoho CRM org a grant belongs to, as {@code GET /crm/v8/org} names it: its id, company name
 * and edition (FREE, STANDARD, PROFESSIONAL, ENTERPRISE, ULTIMATE, … as Zoho spells it).
 */
public record ZohoOrg(String id, String name, String edition) {
}

/**
 * Zoho CRM's wire format in one place (ZOHO-API.md §7–§12): typed records for what Zoho answers — a
 * page of records, an error, per-record write results, a field list, an org — the error-code sets
 * the call path decides by, and Zoho's date formats. {@link io.zohoconnect.crm.wire.CrmWire} reads
 * and writes them; nothing else in the service parses Zoho's CRM JSON.
 */
package io.zohoconnect.crm.wire;

package io.zohoconnect.crm;

/**
 * What {@code GET /crm/v8/org} says about an org's license ({@code license_details}): its edition and
 * how many user licenses it bought — the two numbers Zoho's API-credit allowance is made of
 * (ZOHO-API.md §10). Published as an application event whenever the org is read, for the credit ledger.
 *
 * @param licensedUsers {@code users_license_purchased}, or -1 when Zoho did not say
 */
public record ZohoLicense(String connectionId, String orgId, String edition, int licensedUsers) {
}

package io.zohoconnect.simulator;

import java.util.regex.Pattern;

/**
 * What one CRM call costs in API credits, by Zoho's published table (API Limits, "The credit deduction
 * for some of the API operations", zoho.com/crm/developer/docs/api/v8/api-limits.html): deleted-record
 * ids 2, records with {@code cvid} 3, Convert Lead 5, insert/update/upsert 1 per 10 records, tags 1 per
 * 50 records, Bulk Read initialize 50, Bulk Write initialize 500, every other call 1. The simulator keeps
 * its own copy, independent of the service's ledger, so a test compares two separate counts.
 */
final class CreditCosts {

    private static final Pattern WRITE = Pattern.compile("/[A-Za-z][A-Za-z0-9_]*(/upsert)?");

    private CreditCosts() {
    }

    /**
     * @param rest the path after {@code /{dc}/{api}}, e.g. {@code /crm/v8/Leads/deleted}
     * @param records how many records a write body carries (0 when not a write)
     */
    static int of(String method, String rest, String query, int records) {
        if (rest.startsWith("/crm/bulk/")) {
            if (method.equals("POST") && rest.matches("/crm/bulk/[^/]+/read/?")) {
                return 50;
            }
            if (method.equals("POST") && rest.matches("/crm/bulk/[^/]+/write/?")) {
                return 500;
            }
            return 1;
        }
        String resource = rest.replaceFirst("^/crm/[^/]+", "");
        if (method.equals("GET") && resource.endsWith("/deleted")) {
            return 2;
        }
        if (method.equals("GET") && query != null && (query.startsWith("cvid=") || query.contains("&cvid="))) {
            return 3;
        }
        if (method.equals("POST") && resource.endsWith("/actions/convert")) {
            return 5;
        }
        if (resource.endsWith("/actions/add_tags") || resource.endsWith("/actions/remove_tags")) {
            return Math.max(1, (records + 49) / 50);
        }
        if ((method.equals("POST") || method.equals("PUT")) && WRITE.matcher(resource).matches()
                && !resource.equals("/coql")) {
            return Math.max(1, (records + 9) / 10);
        }
        return 1;
    }
}

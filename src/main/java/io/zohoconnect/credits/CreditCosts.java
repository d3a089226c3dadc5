package io.zohoconnect.credits;

import java.util.HashMap;
import java.util.Map;

import io.zohoconnect.crm.CrmRequest;

import org.springframework.stereotype.Component;

/**
 * What a CRM call costs in API credits, by Zoho's published table (API Limits, v8: "The credit deduction
 * for some of the API operations"; src/docs/CREDITS.md cites each entry), overridable per kind with
 * {@code zoho.credits.costs}. Every call not in the table costs 1. Writes cost one credit per started
 * ten records: the records are counted in the body without parsing it.
 */
@Component
public final class CreditCosts {

    static final Map<String, Integer> ZOHO_TABLE = Map.of(
            "default", 1,
            "deleted-records", 2,
            "custom-view-records", 3,
            "convert-lead", 5,
            "bulk-read", 50,
            "bulk-write", 500,
            "records-per-write-credit", 10,
            "records-per-tag-credit", 50);

    private final Map<String, Integer> table;

    public CreditCosts(CreditSettings settings) {
        Map<String, Integer> merged = new HashMap<>(ZOHO_TABLE);
        settings.costs().forEach((kind, credits) -> {
            if (credits == null || credits < 0 || credits > 100_000) {
                throw new IllegalArgumentException("zoho.credits.costs." + kind + " must be a number from 0 to 100000");
            }
            merged.put(kind, credits);
        });
        this.table = Map.copyOf(merged);
    }

    /** The credits {@code request} costs. */
    public int of(CrmRequest request) {
        String method = request.method();
        String path = request.path();
        if (path.contains("/bulk/")) {
            if (method.equals("POST") && (path.endsWith("/read") || path.endsWith("/read/"))) {
                return kind("bulk-read");
            }
            if (method.equals("POST") && (path.endsWith("/write") || path.endsWith("/write/"))) {
                return kind("bulk-write");
            }
            return kind("default");
        }
        if (method.equals("GET") && path.endsWith("/deleted")) {
            return kind("deleted-records");
        }
        String query = request.query();
        if (method.equals("GET") && query != null && (query.startsWith("cvid=") || query.contains("&cvid="))) {
            return kind("custom-view-records");
        }
        if (method.equals("POST") && path.endsWith("/actions/convert")) {
            return kind("convert-lead");
        }
        if (path.endsWith("/actions/add_tags") || path.endsWith("/actions/remove_tags")) {
            return perRecords(RecordCount.of(request.body()), kind("records-per-tag-credit"));
        }
        if ((method.equals("POST") || method.equals("PUT")) && isRecordWrite(path)) {
            return perRecords(RecordCount.of(request.body()), kind("records-per-write-credit"));
        }
        return kind("default");
    }

    /** The credits of one kind of call ({@code default}, {@code bulk-read}, … as in {@code zoho.credits.costs}). */
    public int kind(String kind) {
        return table.getOrDefault(kind, 1);
    }

    private static int perRecords(int records, int perCredit) {
        return perCredit <= 0 ? 1 : Math.max(1, (records + perCredit - 1) / perCredit);
    }

    /** {@code /crm/v8/Leads}, {@code Leads}, {@code /Leads/upsert}: a module's records, not another API. */
    private static boolean isRecordWrite(String path) {
        String resource = path.startsWith("/crm/") ? path.replaceFirst("^/crm/[^/]+", "") : path;
        if (!resource.startsWith("/")) {
            resource = "/" + resource;
        }
        if (resource.endsWith("/upsert")) {
            resource = resource.substring(0, resource.length() - "/upsert".length());
        }
        return resource.lastIndexOf('/') == 0 && !resource.equals("/coql") && !resource.equals("/actions")
                && !resource.equals("/settings") && !resource.equals("/users") && !resource.equals("/org");
    }
}

package io.zohoconnect.sync;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.ZohoCrmException;
import io.zohoconnect.crm.wire.CrmWire;
import io.zohoconnect.crm.wire.PageInfo;
import io.zohoconnect.crm.wire.ZohoDates;

import org.springframework.stereotype.Component;

/**
 * Reads CRM listings through the service's call path ({@link CrmCalls}, the one behind
 * {@code direct:zoho-crm}: auth, 401 refresh, 429 back-off, the org concurrency limit): module pages
 * sorted by Modified_Time ascending, by page token once Zoho hands one out, with If-Modified-Since;
 * the deleted-records listing; one record by id. 204 and 304 are an empty page.
 *
 * <p>A page is read in one streaming pass straight into {@link CrmRecord}s: no tree of the whole
 * answer, no second conversion (the sync's cost per record is mostly this parse).
 */
@Component
class ModuleReader {

    static final int PER_PAGE = 200;
    private static final Set<String> TOKEN_REJECTED = Set.of("EXPIRED_VALUE", "TOKEN_BOUND_DATA_MISMATCH",
            "PAGINATION_LIMIT_EXCEEDED");

    private final CrmCalls calls;
    private final CrmWire wire;
    private final ObjectReader recordReader;

    ModuleReader(CrmCalls calls, CrmWire wire, ObjectMapper json) {
        this.calls = calls;
        this.wire = wire;
        this.recordReader = json.readerFor(CrmRecord.class);
    }

    ModulePage page(String connectionId, String module, List<String> fields, String pageToken, int page,
            Instant modifiedAfter) {
        String query = "fields=" + encode(String.join(",", fields)) + "&per_page=" + PER_PAGE
                + "&sort_by=Modified_Time&sort_order=asc"
                + (pageToken != null ? "&page_token=" + encode(pageToken) : "&page=" + page);
        return read(connectionId, module, query, modifiedAfter);
    }

    ModulePage deleted(String connectionId, String module, int page, Instant deletedAfter) {
        return read(connectionId, module + "/deleted", "type=all&per_page=" + PER_PAGE + "&page=" + page, deletedAfter);
    }

    /** One record with all its fields, or null when it no longer exists. */
    CrmRecord record(String connectionId, String module, String id) {
        ModulePage page = read(connectionId, module + "/" + encode(id), null, null);
        return page.records().isEmpty() ? null : page.records().get(0);
    }

    private ModulePage read(String connectionId, String path, String query, Instant modifiedAfter) {
        Map<String, String> headers = modifiedAfter == null ? Map.of()
                : Map.of("If-Modified-Since", ZohoDates.format(modifiedAfter));
        CrmReply reply;
        try {
            // the page is parsed once, where the call path checks the answer (a truncated page is retried there)
            reply = calls.call(new CrmRequest(connectionId, "GET", path, query, null, headers).readWith(this::parse)
                    .withPurpose(CallPurpose.BACKGROUND));
        } catch (ZohoCrmException e) {
            if (TOKEN_REJECTED.contains(e.code())) {
                throw new PageTokenRejectedException(e.getMessage());
            }
            throw e;
        }
        return reply.empty() ? ModulePage.EMPTY : reply.value(ModulePage.class);
    }

    /** {@code {"data":[{…},…],"info":{"more_records":…,"next_page_token":…}}}, other keys skipped. */
    private ModulePage parse(String body) throws IOException {
        List<CrmRecord> records = new ArrayList<>(PER_PAGE);
        PageInfo info = wire.readListing(body, parser -> {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                CrmRecord record = recordReader.readValue(parser);
                if (record.get("id") != null) {
                    records.add(record);
                }
            }
        });
        return new ModulePage(records, info.nextPageToken(), info.moreRecords());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

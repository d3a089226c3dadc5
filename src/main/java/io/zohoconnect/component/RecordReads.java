package io.zohoconnect.component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.zohoconnect.connection.ZohoHeaders;
import io.zohoconnect.crm.CrmCalls;
import io.zohoconnect.crm.CrmReply;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.wire.CrmPage;
import io.zohoconnect.crm.wire.CrmWire;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code list}, {@code get}, {@code search} and {@code coql}: one call, Zoho's records out as a
 * {@code List<Map>} (get: one {@code Map}, or null when there is no such record), with
 * {@code ZohoMoreRecords}, {@code ZohoNextPageToken} and {@code ZohoRecordCount} to page on.
 */
final class RecordReads implements CrmOperationHandler {

    private final ZohoCrmEndpoint endpoint;
    private final CrmCalls calls;
    private final CrmWire wire;

    RecordReads(ZohoCrmEndpoint endpoint, CrmCalls calls, CrmWire wire) {
        this.endpoint = endpoint;
        this.calls = calls;
        this.wire = wire;
    }

    @Override
    public CompletionStage<Void> process(Exchange exchange, String connectionId) {
        Message message = exchange.getMessage();
        CrmRequest request = switch (endpoint.crmOperation()) {
            case LIST -> CrmRequest.get(connectionId, "/" + endpoint.getConfiguration().getModule(), new CrmQuery()
                    .add("fields", endpoint.getConfiguration().getFields()).add("per_page", endpoint.getConfiguration().getPerPage()).add("page", endpoint.getConfiguration().getPage())
                    .add("sort_by", endpoint.getConfiguration().getSortBy()).add("sort_order", sortOrder())
                    .add("cvid", endpoint.getConfiguration().getCvid())
                    .add("page_token", message.getHeader(ZohoHeaders.PAGE_TOKEN, endpoint.getConfiguration().getPageToken(), String.class))
                    .toString());
            case GET -> CrmRequest.get(connectionId, "/" + endpoint.getConfiguration().getModule() + "/" + recordId(message),
                    new CrmQuery().add("fields", endpoint.getConfiguration().getFields()).toString());
            case SEARCH -> CrmRequest.get(connectionId, "/" + endpoint.getConfiguration().getModule() + "/search", searchQuery());
            case COQL -> new CrmRequest(connectionId, "POST", "/coql", null,
                    wire.write(Map.of("select_query", selectQuery(MessageBodies.payload(message)))), Map.of());
            default -> throw new IllegalStateException(endpoint.crmOperation() + " is not a read");
        };
        // the page is parsed once, straight into maps, where the call path checks the answer
        return calls.callAsync(ZohoCrmComponent.withPurpose(exchange, request.readWith(wire::readPage))).thenAccept(reply -> answer(message, connectionId, reply));
    }

    private void answer(Message message, String connectionId, CrmReply reply) {
        CrmPage page = reply.empty() ? CrmPage.EMPTY : reply.value(CrmPage.class);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(ZohoHeaders.API_DOMAIN, reply.apiDomain());
        message.setHeader(ZohoHeaders.CONNECTION_ID, connectionId);
        if (endpoint.crmOperation() == CrmOperation.GET) {
            message.setBody(page.data().isEmpty() ? null : page.data().get(0));
            return;
        }
        List<Map<String, Object>> records = page.data();
        message.setBody(records);
        message.setHeader(ZohoHeaders.RECORD_COUNT, records.size());
        message.setHeader(ZohoHeaders.MORE_RECORDS, page.moreRecords());
        if (page.nextPageToken() != null) {
            message.setHeader(ZohoHeaders.NEXT_PAGE_TOKEN, page.nextPageToken());
        } else {
            message.removeHeader(ZohoHeaders.NEXT_PAGE_TOKEN);
        }
    }

    private String sortOrder() {
        SortOrder order = endpoint.getConfiguration().getSortOrder();
        return order == null ? null : order.zohoName();
    }

    private String recordId(Message message) {
        String id = message.getHeader(ZohoHeaders.RECORD_ID, endpoint.getConfiguration().getId(), String.class);
        if (id == null || !id.matches("[0-9A-Za-z_-]{1,40}")) {
            throw new IllegalArgumentException("zoho-crm:get needs a record id: the id option or the " + ZohoHeaders.RECORD_ID
                    + " header (digits), got " + (id == null ? "nothing" : "'" + id + "'"));
        }
        return id;
    }

    private String searchQuery() {
        if (endpoint.getConfiguration().getCriteria() == null && endpoint.getConfiguration().getEmail() == null && endpoint.getConfiguration().getPhone() == null
                && endpoint.getConfiguration().getWord() == null) {
            throw new IllegalArgumentException("zoho-crm:search needs one of the options criteria, email, phone or word");
        }
        return new CrmQuery().add("criteria", endpoint.getConfiguration().getCriteria()).add("email", endpoint.getConfiguration().getEmail())
                .add("phone", endpoint.getConfiguration().getPhone()).add("word", endpoint.getConfiguration().getWord()).add("fields", endpoint.getConfiguration().getFields())
                .add("per_page", endpoint.getConfiguration().getPerPage()).add("page", endpoint.getConfiguration().getPage()).toString();
    }

    private static String selectQuery(Object body) {
        Object query = body instanceof Map<?, ?> map ? map.get("select_query") : body;
        if (!(query instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("zoho-crm:coql needs the select query as the body, e.g."
                    + " select Last_Name, Email from Leads where Last_Name is not null limit 200");
        }
        return text.trim();
    }
}

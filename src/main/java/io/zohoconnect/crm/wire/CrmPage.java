package io.zohoconnect.crm.wire;

import java.util.List;
import java.util.Map;

/**
 * One page of records as Zoho sends it: {@code {"data":[…],"info":{…}}}. Records stay maps — a
 * module's fields are the user's, not ours. An empty answer (HTTP 204 / 304) is {@link #EMPTY}.
 */
public record CrmPage(List<Map<String, Object>> data, PageInfo info) {

    public static final CrmPage EMPTY = new CrmPage(List.of(), PageInfo.NONE);

    public CrmPage {
        data = data == null ? List.of() : data;
        info = info == null ? PageInfo.NONE : info;
    }

    public boolean moreRecords() {
        return info.moreRecords();
    }

    public String nextPageToken() {
        return info.nextPageToken();
    }
}

package io.zohoconnect.web.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiLinkRequest(@JsonProperty("connection_id") String connectionId, String dc, String environment, List<String> scopes,
        @JsonProperty("return_to") String returnTo, @JsonProperty("allow_org_change") Boolean allowOrgChange) {
}

package io.zohoconnect.web.api;

import java.util.List;

/** A body of the admin API, as its OpenAPI document describes it. */
public record ApiScopedKeyList(List<ApiScopedKey> keys) {
}

package io.zohoconnect.web;

import java.util.List;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiScopedKeyList(List<ApiScopedKey> keys) {
}

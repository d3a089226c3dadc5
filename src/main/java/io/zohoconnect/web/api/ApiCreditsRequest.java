package io.zohoconnect.web.api;

/** A body of the admin API, as its OpenAPI document describes it: an org's allowance (null: Zoho's formula). */
record ApiCreditsRequest(Long allowance) {
}

package io.zohoconnect.web.api;

/** A body of the admin API, as its OpenAPI document describes it. */
record ApiAuditActor(String kind, String name) {
}

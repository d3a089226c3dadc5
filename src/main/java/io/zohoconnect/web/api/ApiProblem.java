package io.zohoconnect.web.api;

/** The error body as the OpenAPI document describes it: the members {@link Problem#members()} writes. */
public record ApiProblem(String type, String title, int status, String detail, String error, String message) {
}

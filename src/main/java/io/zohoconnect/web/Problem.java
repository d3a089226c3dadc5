package io.zohoconnect.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Every error the service answers with itself (not Zoho's, which the gateway passes through): an RFC 9457
 * problem — {@code type}, {@code title}, {@code status}, {@code detail} — that also keeps the {@code error} code
 * and {@code message} every client read before. The status says what kind, {@code error} which one (stable,
 * for programs), {@code message}/{@code detail} what to do (for people). Messages are written by the service:
 * whatever of a request they quote was made printable first.
 *
 * @param status the HTTP status
 * @param error a stable code, e.g. {@code not_found}, {@code database_unavailable}
 * @param message what went wrong and what to do, for the person who sent the request
 */
public record Problem(int status, String error, String message) {

    /** The media type of every API error (RFC 9457). */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** No type of our own: the status and the {@code error} code say which problem it is (RFC 9457 §4.2.1). */
    public static final String TYPE = "about:blank";

    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
    }

    /** The status's reason phrase, as RFC 9457 asks when the type is {@code about:blank}. */
    public String title() {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? (status >= 500 ? "Server Error" : "Client Error") : known.getReasonPhrase();
    }

    /** The members in the order they are written: the RFC's four, then the service's own two. */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", TYPE);
        members.put("title", title());
        members.put("status", status);
        members.put("detail", message);
        members.put("error", error);
        members.put("message", message);
        return members;
    }
}

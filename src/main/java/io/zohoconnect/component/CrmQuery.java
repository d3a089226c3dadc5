package io.zohoconnect.component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A CRM query string, built parameter by parameter; absent values are left out, present ones encoded. */
final class CrmQuery {

    private final StringBuilder query = new StringBuilder();

    CrmQuery add(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return this;
        }
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value.toString().trim(), StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public String toString() {
        return query.isEmpty() ? null : query.toString();
    }
}

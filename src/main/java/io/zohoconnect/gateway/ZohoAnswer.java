package io.zohoconnect.gateway;

import java.io.IOException;
import java.io.InputStream;

import io.zohoconnect.crm.OrgSlots;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/** Zoho's answer to a gateway call, not yet read: closing it closes the connection's stream and frees the org's slot. */
final class ZohoAnswer implements AutoCloseable {

    private final ClassicHttpResponse response;
    private final InputStream body;
    private final OrgSlots.Slot slot;

    ZohoAnswer(ClassicHttpResponse response, InputStream body, OrgSlots.Slot slot) {
        this.response = response;
        this.body = body;
        this.slot = slot;
    }

    int status() {
        return response.getCode();
    }

    Header[] headers() {
        return response.getHeaders();
    }

    /** The body as Zoho sends it (null when there is none). */
    InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        try {
            response.close();
        } finally {
            slot.release();
        }
    }
}

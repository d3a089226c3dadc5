package io.zohoconnect.sync;

import io.zohoconnect.connection.ZohoHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The headers every sync message carries, so receivers can route and de-duplicate. */
public final class SyncHeaders {

    private SyncHeaders() {
    }

    public static void set(Message out, SyncMessage message) {
        SyncSpec spec = message.spec();
        out.setHeader(ZohoHeaders.CONNECTION_ID, spec.connectionId());
        out.setHeader(ZohoHeaders.MODULE, spec.module());
        out.setHeader(ZohoHeaders.SYNC_ID, spec.id());
        out.setHeader(ZohoHeaders.DELETED, message.deleted());
        out.setHeader(ZohoHeaders.RECORD_COUNT, message.records());
        if (message.recordId() != null) {
            out.setHeader(ZohoHeaders.RECORD_ID, message.recordId());
        }
        if (message.modifiedTime() != null) {
            out.setHeader(ZohoHeaders.MODIFIED_TIME, message.modifiedTime());
        }
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }
}

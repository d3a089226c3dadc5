package io.zohoconnect.component;

import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;

import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.WrappedFile;

/**
 * The body a producer works with. Bodies that are text in a container — a file from {@code file:} or
 * {@code ftp:}, a stream from {@code http:} or a broker, a byte array — are read as text (UTF-8 unless
 * the exchange says otherwise) with Camel's type converters; lists, maps, text and typed objects stay
 * as they are. So {@code from("file:inbox").to("zoho-crm:upsert/Leads")} works without a conversion step.
 */
final class MessageBodies {

    private MessageBodies() {
    }

    static Object payload(Message message) {
        Object body = message.getBody();
        if (body instanceof byte[] || body instanceof WrappedFile<?> || body instanceof InputStream
                || body instanceof Reader || body instanceof StreamCache || body instanceof File || body instanceof Path) {
            return message.getBody(String.class);
        }
        return body;
    }
}

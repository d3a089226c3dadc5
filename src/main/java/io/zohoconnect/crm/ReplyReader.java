package io.zohoconnect.crm;

import java.io.IOException;

/**
 * Reads the body of Zoho's successful answer into what the caller wants (see {@link CrmRequest#readWith}).
 * It must fail — with an {@link IOException}, as Jackson does — on a body that is not complete JSON of the
 * expected shape, so a truncated page is retried rather than taken for a short one.
 */
@FunctionalInterface
public interface ReplyReader<T> {

    T read(String body) throws IOException;
}

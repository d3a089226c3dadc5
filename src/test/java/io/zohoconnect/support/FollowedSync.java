package io.zohoconnect.support;

import java.util.Locale;

import io.zohoconnect.sync.SyncSpec;

/**
 * The {@code zoho-crm:changes} endpoint that follows a sync: a sync runs only into the route of the consumer
 * that follows it, so a test that declares a {@link SyncSpec} runs it through {@code from(FollowedSync.uri(spec))}.
 */
public final class FollowedSync {

    private FollowedSync() {
    }

    /** The consumer URI with every option of {@code spec}: the consumer declares exactly this sync. */
    public static String uri(SyncSpec spec) {
        StringBuilder uri = new StringBuilder("zoho-crm:changes/").append(spec.module())
                .append("?connectionId=RAW(").append(spec.connectionId()).append(')')
                .append("&syncId=RAW(").append(spec.id()).append(')')
                .append("&schedule=RAW(").append(spec.schedule()).append(')')
                .append("&mode=").append(spec.mode().name().toLowerCase(Locale.ROOT))
                .append("&deletions=").append(spec.deletions())
                .append("&batch=").append(spec.batch().name().toLowerCase(Locale.ROOT));
        if (!spec.fields().isEmpty()) {
            uri.append("&fields=RAW(").append(String.join(",", spec.fields())).append(')');
        }
        if (spec.bulkCriteria() != null) {
            uri.append("&bulkCriteria=RAW(").append(spec.bulkCriteria()).append(')');
        }
        return uri.toString();
    }
}

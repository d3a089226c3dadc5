package io.zohoconnect.sync;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code zoho.syncs[n].*}: syncs declared in configuration (the other two ways: YAML in routes/, Java). */
@ConfigurationProperties("zoho")
public record DeclaredSyncs(List<SyncSettings.Declared> syncs) {

    public DeclaredSyncs {
        syncs = syncs == null ? List.of() : List.copyOf(syncs);
    }
}

package io.zohoconnect.datacenter;

import java.util.Map;

/** {@code zoho.datacenters.*}: overrides of the built-in data-center table, or new data centers, by code. */
public record DataCenterOverrides(Map<String, DataCenterSettings> byCode) {

    public DataCenterOverrides {
        byCode = byCode == null ? Map.of() : Map.copyOf(byCode);
    }
}

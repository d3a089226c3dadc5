package io.zohoconnect.crm;


import org.springframework.stereotype.Component;

/** CRM paths as route authors give them: {@code /crm/v8/Leads} as is, {@code Leads} under {@code /crm/<api-version>/}. */
@Component
public final class CrmPaths {

    private final String versionPrefix;

    public CrmPaths(ZohoApiSettings properties) {
        this.versionPrefix = "/crm/" + properties.apiVersion() + "/";
    }

    public String normalize(String path) {
        if (path.startsWith("/crm/")) {
            return path;
        }
        if (path.contains("://") || path.startsWith("//")) {
            // the host comes from the connection, never from a header
            throw new IllegalArgumentException("ZohoCrmPath must be a path such as /crm/v8/Leads, not a URL");
        }
        return versionPrefix + (path.startsWith("/") ? path.substring(1) : path);
    }

    public String versionPrefix() {
        return versionPrefix;
    }
}

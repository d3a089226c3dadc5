package io.zohoconnect.credentials;

import java.util.List;

import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.Environment;

/**
 * A request to connect: which connection id, DC, environment and scopes, where to go after, and
 * whether a re-consent may move the connection to another Zoho org.
 */
public record AuthorizationRequest(
        String connectionId,
        DataCenter dataCenter,
        Environment environment,
        List<String> scopes,
        String returnTo,
        boolean allowOrgChange) {

    public AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }
}

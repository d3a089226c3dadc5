package io.zohoconnect.oauth;

import java.util.List;

import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.Environment;

/** A request to connect: which connection id, DC, environment and scopes, and where to go after. */
public record AuthorizationRequest(
        String connectionId,
        DataCenter dataCenter,
        Environment environment,
        List<String> scopes,
        String returnTo) {

    public AuthorizationRequest {
        scopes = List.copyOf(scopes);
    }
}

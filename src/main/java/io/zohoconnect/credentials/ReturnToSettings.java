package io.zohoconnect.credentials;

import java.util.List;

/**
 * Origins (scheme://host[:port]) that the callback may redirect back to.
 *
 * @param allowedOrigins Origins (scheme://host[:port]) that /connect?return_to= may send the browser back to,
 *                       besides local paths.
 */
public record ReturnToSettings(
        List<String> allowedOrigins) {

    public ReturnToSettings {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}

package io.zohoconnect.credentials;

import java.time.Duration;

import io.zohoconnect.connection.Secret;

/**
 * A successful answer of Zoho's token endpoint. {@code refreshToken} is present on a code exchange
 * and absent on a refresh; {@code apiDomain} may be absent (then the DC table decides).
 */
public record TokenResponse(Secret accessToken, Secret refreshToken, String apiDomain, Duration expiresIn) {
}

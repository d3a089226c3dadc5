package io.zohoconnect.connection;

import java.time.Instant;

/**
 * A refresh token a re-consent replaced whose revocation Zoho has not confirmed yet. Kept sealed in
 * {@code zoho_pending_revocation} until the timer's retry is confirmed: a live token is never forgotten.
 */
public record PendingRevocation(String id, String connectionId, String dc, Secret refreshToken, int attempts,
        Instant nextAttemptAt, String lastError) {
}

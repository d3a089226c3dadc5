package io.zohoconnect.simulator;

import java.time.Instant;
import java.util.List;

/**
 * A checked authorization request waiting for the user's Approve or Deny, known to the consent page
 * only by an opaque id: the page form cannot alter what was requested.
 */
record PendingConsent(String dc, List<String> scopes, String state, String codeChallenge, boolean offline,
                      Instant createdAt) {

    PendingConsent {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "PendingConsent[dc=" + dc + ", scopes=" + scopes + "]";
    }
}

package io.zohoconnect.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7636 with S256: the verifier stays with us, only its challenge goes to the browser. */
public record Pkce(String verifier, String challenge) {

    public static Pkce generate() {
        String verifier = Randoms.urlSafe(32);
        return new Pkce(verifier, challengeOf(verifier));
    }

    public static String challengeOf(String verifier) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Randoms.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public String toString() {
        return "Pkce[***]";
    }
}

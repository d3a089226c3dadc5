package io.zohoconnect.credentials;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.zohoconnect.credentials.ZohoTokenException.Kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TokenResponseParserTest {

    private final TokenResponseParser parser = new TokenResponseParser(new ObjectMapper());

    @Test
    void readsACodeExchange() {
        TokenResponse r = parser.parse(200, """
                {"access_token":"1000.a1","refresh_token":"1000.r1","api_domain":"https://www.zohoapis.eu",
                 "token_type":"Bearer","expires_in":3600}""");
        assertThat(r.accessToken().value()).isEqualTo("1000.a1");
        assertThat(r.refreshToken().value()).isEqualTo("1000.r1");
        assertThat(r.apiDomain()).isEqualTo("https://www.zohoapis.eu");
        assertThat(r.expiresIn()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRefreshHasNoRefreshToken() {
        assertThat(parser.parse(200, "{\"access_token\":\"1000.a2\",\"expires_in\":3600}").refreshToken()).isNull();
    }

    @Test
    void legacyShapeTakesExpiresInSec() {
        TokenResponse r = parser.parse(200, "{\"access_token\":\"a\",\"expires_in_sec\":3600,\"expires_in\":3600000}");
        assertThat(r.expiresIn()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBareExpiresInInMillisecondsIsRecognised() {
        assertThat(parser.parse(200, "{\"access_token\":\"a\",\"expires_in\":3600000}").expiresIn())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void unknownFieldsAreIgnored() {
        TokenResponse r = parser.parse(200, """
                {"access_token":"a","scope":"ZohoCRM.modules.ALL ZohoCRM.settings.ALL","id_token":"x.y.z",
                 "expires_in":60,"nested":{"deep":[1,2]}}""");
        assertThat(r.expiresIn()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aMissingOrUnusableApiDomainIsLeftToTheDataCenterTable() {
        assertThat(parser.parse(200, "{\"access_token\":\"a\"}").apiDomain()).isNull();
        assertThat(parser.parse(200, "{\"access_token\":\"a\",\"api_domain\":\"javascript:alert(1)\"}").apiDomain()).isNull();
        assertThat(parser.parse(200, "{\"access_token\":\"a\",\"api_domain\":\"\"}").apiDomain()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"invalid_code, PERMANENT", "invalid_grant, PERMANENT", "invalid_client, CLIENT_MISCONFIGURED",
            "invalid_client_secret, CLIENT_MISCONFIGURED", "invalid_redirect_uri, CLIENT_MISCONFIGURED",
            "unauthorized_client, CLIENT_MISCONFIGURED", "unsupported_grant_type, CLIENT_MISCONFIGURED",
            "Access Denied, THROTTLED", "something_new, TRANSIENT"})
    void errorsComeWithHttp200AndAreClassified(String error, Kind kind) {
        ZohoTokenException e = catchThrowableOfType(ZohoTokenException.class,
                () -> parser.parse(200, "{\"error\":\"" + error + "\"}"));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.zohoError()).isEqualTo(error);
        assertThat(e.getMessage()).contains(error);
    }

    /** ZOHO-API.md §6: only Zoho's unknown-token answer means "already revoked"; the throttle can come with 400 too. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|true",
            "{\"status\":\"failure\",\"error\":\"invalid_token\"}|true",
            "{\"error\":\"invalid_code\"}|true",
            "{\"status\":\"failure\"}|true",
            "{\"error\":\"Access Denied\",\"status\":\"failure\"}|false",
            "{\"error\":\"invalid_client\"}|false",
            "<html><body>Bad Request</body></html>|false",
            "{\"error\":|false"})
    void onlyZohosUnknownTokenAnswerMeansAlreadyRevoked(String body, boolean alreadyRevoked) {
        assertThat(parser.saysUnknownToken(body)).isEqualTo(alreadyRevoked);
    }

    @Test
    void throttleWithHttp400IsStillAThrottle() {
        ZohoTokenException e = catchThrowableOfType(ZohoTokenException.class, () -> parser.parse(400, """
                {"error":"Access Denied","error_description":"You have made too many requests continuously. Please try again after some time.","status":"failure"}"""));
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(e.getMessage()).contains("too many requests");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html><body>502 Bad Gateway</body></html>", "{\"access_token\":\"1000.abc", "",
            "   ", "[1,2]", "\"text\"", "{\"status\":\"ok\"}", "null"})
    void brokenAnswersAreTransientAndNeverQuoteTheBody(String body) {
        ZohoTokenException e = catchThrowableOfType(ZohoTokenException.class, () -> parser.parse(502, body));
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).doesNotContain("1000.abc").contains("HTTP 502");
    }

    @Test
    void aTokenIsNeverInAnErrorMessage() {
        assertThatThrownBy(() -> parser.parse(200, "{\"access_token\":\"1000.secret\",\"expires_in\":"))
                .hasMessageNotContaining("1000.secret");
    }

    @ParameterizedTest(name = "{0} → {1} s")
    @CsvSource(delimiter = '|', value = {
            "{\"expires_in_sec\":9223372036854775807}                | 86400",
            "{\"expires_in\":9223372036854775807}                    | 86400",
            "{\"expires_in\":18446744073709551621}                   | 86400",
            "{\"expires_in\":\"99999999999999999999999999\"}           | 86400",
            "{\"expires_in_sec\":1e308}                              | 86400",
            "{\"expires_in_sec\":86401}                              | 86400",
            "{\"expires_in_sec\":0.2}                                | 1",
            "{\"expires_in_sec\":-5,\"expires_in\":120}              | 120",
            "{\"expires_in\":\"abc\"}                                 | 3600",
            "{\"expires_in\":604801000}                              | 86400"})
    void aLifetimeIsClampedBetweenOneSecondAndOneDay(String fields, long seconds) {
        String body = "{\"access_token\":\"1000.a\"," + fields.substring(1);
        assertThat(parser.parse(200, body).expiresIn()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void aTokenThatIsNotOneRefusesTheAnswerAndHandsBackTheGrantZohoIssued() {
        String longToken = "1000." + "a".repeat(TokenResponseParser.MAX_TOKEN_LENGTH);
        ZohoTokenException tooLong = catchThrowableOfType(ZohoTokenException.class, () -> parser.parse(200,
                "{\"access_token\":\"" + longToken + "\",\"refresh_token\":\"1000.r1\"}"));
        assertThat(tooLong.getMessage()).contains("access_token").contains("not a token").doesNotContain(longToken);
        assertThat(tooLong.issuedGrant()).hasValueSatisfying(grant -> assertThat(grant.value()).isEqualTo("1000.r1"));

        ZohoTokenException badRefresh = catchThrowableOfType(ZohoTokenException.class, () -> parser.parse(200,
                "{\"access_token\":\"1000.a\",\"refresh_token\":\"1000.r\\r\\nX: 1\"}"));
        assertThat(badRefresh.getMessage()).contains("refresh_token").doesNotContainPattern("\\p{Cntrl}");
        assertThat(badRefresh.issuedGrant()).isPresent();

        ZohoTokenException onRefresh = catchThrowableOfType(ZohoTokenException.class, () -> parser.parse(200,
                "{\"access_token\":\"1000.a b\"}"));
        assertThat(onRefresh.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(onRefresh.issuedGrant()).isEmpty();
        assertThat(parser.parse(200, "{\"access_token\":\"" + longToken.substring(5) + "\"}").accessToken().value())
                .hasSize(TokenResponseParser.MAX_TOKEN_LENGTH);
    }

    @Test
    void anApiDomainTooLongForItsColumnIsLeftToTheDataCenterTable() {
        String domain = "https://" + "a".repeat(250) + ".example";
        assertThat(parser.parse(200, "{\"access_token\":\"a\",\"api_domain\":\"" + domain + "\"}").apiDomain()).isNull();
    }
}

package io.zohoconnect.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest {

    @Test
    void decodesZohosCallbackParameters() {
        QueryParams q = QueryParams.parse("state=abc&code=1000.x&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu");
        assertThat(q.get("accounts-server")).isEqualTo("https://accounts.zoho.eu");
        assertThat(q.get("location")).isEqualTo("eu");
        assertThat(q.get("missing")).isNull();
    }

    @Test
    void emptyValuesCountAsAbsent() {
        assertThat(QueryParams.parse("error=&x").get("error")).isNull();
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        assertThatThrownBy(() -> QueryParams.parse("state=a&state=b"))
                .isInstanceOf(ApiException.class).hasMessageContaining("more than once");
    }

    @Test
    void badPercentEncodingIsA400() {
        assertThatThrownBy(() -> QueryParams.parse("state=%zz"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}

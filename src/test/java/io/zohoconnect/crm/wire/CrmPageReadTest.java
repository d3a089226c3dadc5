package io.zohoconnect.crm.wire;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one-pass page reader the call path checks answers with: a whole page, or an error for anything less. */
class CrmPageReadTest {

    private static final CrmWire WIRE = new CrmWire(new ObjectMapper());
    private static final String PAGE = "{\"data\":[{\"id\":\"1\",\"Last_Name\":\"A\",\"Owner\":{\"id\":\"9\"}},"
            + "{\"id\":\"2\",\"Last_Name\":\"B\",\"Score\":3}],\"extra\":{\"x\":[1,2]},"
            + "\"info\":{\"per_page\":200,\"count\":2,\"page\":1,\"more_records\":true,\"next_page_token\":\"t-1\"}}";

    @Test
    void readsTheRecordsAndTheInfoSkippingWhatItDoesNotKnow() throws IOException {
        CrmPage page = WIRE.readPage(PAGE);

        assertThat(page.data()).hasSize(2);
        assertThat(page.data().get(0)).containsEntry("Last_Name", "A").containsKey("Owner");
        assertThat(page.data().get(1)).containsEntry("Score", 3);
        assertThat(page.moreRecords()).isTrue();
        assertThat(page.nextPageToken()).isEqualTo("t-1");
        assertThat(page.info().count()).isEqualTo(2);
    }

    @Test
    void aPageWithoutDataOrInfoIsEmpty() throws IOException {
        assertThat(WIRE.readPage("{\"status\":\"success\"}").data()).isEmpty();
        assertThat(WIRE.readPage("{\"data\":null}").moreRecords()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 40, 100, 150, 200})
    void aTruncatedPageIsAnErrorNotAShortPage(int cut) {
        assertThatThrownBy(() -> WIRE.readPage(PAGE.substring(0, Math.min(cut, PAGE.length() - 1))))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "<html><body>Bad gateway</body></html>", "{\"data\":[]} trailing", "{} {}"})
    void anythingButOneJsonObjectIsAnError(String body) {
        assertThatThrownBy(() -> WIRE.readPage(body)).isInstanceOf(IOException.class);
    }
}

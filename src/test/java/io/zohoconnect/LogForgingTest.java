package io.zohoconnect;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values from Zoho or users reach the log with their control characters escaped (issue 19 item 7): an org
 * named with CR LF and a line of its own, shown in the service's real console output, stays inside the one
 * line that quotes it. The escaping is the logging pattern's, so no code path can forget it.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogForgingTest extends IntegrationTest {

    private static final String FORGED = "2026-01-01T00:00:00.000Z  INFO 1 --- [zoho-connect] [main]"
            + " i.z.oauth.AuthorizationCallback          : Connection ceo-account connected in DC us (production)";

    @Autowired
    CamelContext camel;

    @Test
    void anOrgNameWithALineOfItsOwnStaysInTheLineThatQuotesIt(CapturedOutput output) throws InterruptedException {
        String id = "forge-" + UUID.randomUUID().toString().substring(0, 8);
        service.connect(id, "eu", "production");
        MockEndpoint events = camel.getEndpoint("mock:zoho-events", MockEndpoint.class);
        events.reset();

        simulator.nextGrantOrg("Forged Corp");
        simulator.settings(Map.of("orgAnswerOverride", Map.of("company_name", "Acme\r\n" + FORGED + "\u001b[2K")));
        ServiceClient.ConnectFlow flow = service.connect(id, "eu", "production");

        assertThat(flow.callback().statusCode()).isEqualTo(409); // refused, and logged with the org's name
        String log = output.getOut();
        assertThat(log).contains("this sign-in was for org 'Acme\\r\\n" + FORGED + "?[2K'");
        assertThat(lines(log)).noneMatch(line -> line.startsWith(FORGED));
        assertThat(log).doesNotContain("\u001b[2K");
        // events and the audit trail are JSON: escaped by the writer
        events.expectedMinimumMessageCount(1);
        events.assertIsSatisfied(5000);
        assertThat(events.getReceivedExchanges()).anySatisfy(e -> assertThat(e.getMessage().getBody(String.class))
                .contains("Acme\\r\\n2026").doesNotContain("\r").doesNotContain("\n"));
    }

    @Test
    void stackTracesKeepTheirLinesAndOnlyTheMessageIsEscaped(CapturedOutput output) {
        Logger log = LoggerFactory.getLogger(LogForgingTest.class);

        log.warn("a value with a\nline and a\ttab", new IllegalStateException("boom"));

        String line = lines(output.getOut()).filter(l -> l.contains("a value with a")).findFirst().orElseThrow();
        assertThat(line).contains("a value with a\\nline and a\ttab").contains(" WARN ").contains(LogForgingTest.class
                .getSimpleName());
        assertThat(output.getOut()).contains("java.lang.IllegalStateException: boom\n\tat io.zohoconnect.LogForgingTest");
    }

    private static java.util.stream.Stream<String> lines(String output) {
        return Arrays.stream(output.split("\r?\n|\r"));
    }
}

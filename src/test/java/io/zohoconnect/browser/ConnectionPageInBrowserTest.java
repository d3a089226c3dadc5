package io.zohoconnect.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zohoconnect.support.Chromium;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's page in Chromium, as an operator uses it: what it shows (status with the reason
 * and what to do, facts, the refresh-history chart, recent events and older ones), and each action
 * — refresh now, reconnect through Zoho's consent page, a connect link copied to the clipboard,
 * delete after a confirmation — with the mouse, and delete once more with the keyboard alone.
 */
class ConnectionPageInBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @Test
    void aConnectionThatNeedsReConsentSaysWhyShowsItsHistoryAndIsReconnectedThroughZoho() {
        String id = "page-reauth";
        service.connect(id, "in", "production");
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/" + id + "/refresh", null);
        simulator.fault("token", "invalid_code", 1);
        clock.advance(Duration.ofMinutes(2));
        service.sendAsAdmin("POST", "/api/connections/" + id + "/refresh", null);
        for (int i = 0; i < 20; i++) { // forced refreshes of a dead grant: audit entries enough for a second page of events
            service.sendAsAdmin("POST", "/api/connections/" + id + "/refresh", null);
        }

        openAsAdmin(id);
        assertThat(chromium.text(By.id("status"))).isEqualTo("NEEDS_REAUTH");
        assertThat(chromium.text(By.id("status-reason"))).contains("no longer accepts this connection's grant");
        assertThat(chromium.text(By.id("what-to-do"))).contains("Reconnect").contains("connect link");
        assertThat(facts()).containsEntry("Data center", "IN").containsEntry("Environment", "production")
                .containsEntry("API domain", simulator.baseUrl() + "/in/api");
        assertThat(facts().get("Zoho org")).contains("Simulated org (IN production)").contains("enterprise").contains("id ");
        assertThat(facts().get("Scopes")).contains("ZohoCRM.modules.ALL");
        assertThat(facts().get("Access token expires")).endsWith("UTC");
        assertThat(facts().get("Last refresh")).endsWith("UTC");
        assertThat(facts().get("Last error")).contains("invalid_code");
        WebElement chart = chromium.find(By.cssSelector("svg[data-chart=refresh-history]"));
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(chart.getSize().getHeight()).isGreaterThan(50);
        // the first token came with the consent; one forced refresh succeeded, one failed
        assertThat(chart.getAttribute("aria-label")).contains("1 succeeded and 1 failed");
        assertThat(chart.findElements(By.cssSelector("rect[fill='#c93c3c']"))).hasSize(1);
        assertThat(eventTypes()).hasSize(20).contains("refresh.forced");
        chromium.screenshot("01-needs-reauth");

        // older events: the first ones, on the next page back
        chromium.find(By.id("older-events")).click();
        chromium.until(ExpectedConditions.urlContains("before="));
        assertThat(eventTypes()).contains("connection.created", "connection.refreshed", "connection.needs_reauth");
        chromium.screenshot("02-older-events");

        // Reconnect: to Zoho's consent page of the connection's data center, and back
        simulator.settings(Map.of("autoApprove", false));
        chromium.find(By.cssSelector("button[data-action=reconnect]")).click();
        chromium.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        assertThat(chromium.browser().getCurrentUrl()).startsWith(simulator.baseUrl() + "/in/accounts/oauth/v2/auth");
        chromium.screenshot("03-reconnect-consent");
        chromium.find(By.id("approve")).click();
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "Reconnected to Zoho"));
        assertThat(chromium.text(By.tagName("main"))).contains(id).contains("ACTIVE");
        chromium.screenshot("04-reconnected");

        chromium.open(service.baseUrl() + "/connections/" + id);
        chromium.await(By.id("status"));
        assertThat(chromium.text(By.id("status"))).isEqualTo("ACTIVE");
        assertThat(chromium.text(By.id("what-to-do"))).contains("nothing");
        assertThat(eventTypes()).contains("connect.started");
        assertThat(chromium.text(By.id("events"))).contains("admin · admin");
        chromium.screenshot("05-active-again");
    }

    @Test
    void refreshNowShowsItsOutcomeEachTime() {
        String id = "page-refresh";
        service.connect(id, "eu", "production");
        clock.advance(Duration.ofMinutes(2)); // past the minimum interval between two refreshes
        openAsAdmin(id);
        String expiresBefore = facts().get("Access token expires");
        chromium.screenshot("10-connection-page");

        chromium.find(By.cssSelector("button[data-action=refresh]")).click();
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "Refresh: refreshed"));
        assertThat(chromium.find(By.id("outcome")).getAttribute("class")).doesNotContain("bad");
        assertThat(facts().get("Access token expires")).isNotEqualTo(expiresBefore);
        assertThat(eventTypes()).startsWith("refresh.forced", "connection.refreshed");
        chromium.screenshot("11-refreshed");

        // at once again: at most one refresh a minute, and the page says so
        chromium.find(By.cssSelector("button[data-action=refresh]")).click();
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "Refresh: rate limited"));
        assertThat(chromium.find(By.cssSelector("#events tbody tr")).getText()).contains("refresh.forced").contains("rate_limited");
        chromium.screenshot("12-rate-limited");
    }

    @Test
    void aConnectLinkIsShownAndCopiedToTheClipboard() {
        String id = "page-link";
        service.connect(id, "au", "sandbox");
        openAsAdmin(id);
        chromium.allowClipboard(service.baseUrl());

        chromium.find(By.cssSelector("button[data-action=link]")).click();
        chromium.await(By.id("link-url"));
        assertThat(chromium.text(By.id("outcome"))).contains("Connect link created for " + id);
        String link = chromium.find(By.id("link-url")).getAttribute("value");
        assertThat(link).startsWith(service.baseUrl() + "/connect/link/");
        WebElement copy = chromium.find(By.id("copy-link"));
        assertThat(copy.getText()).isEqualTo("Copy to clipboard");
        copy.click();
        chromium.until(ExpectedConditions.textToBe(By.id("copy-status"), "Copied."));
        assertThat(chromium.clipboard()).isEqualTo(link);
        chromium.screenshot("20-link-copied");

        chromium.find(By.linkText("Back to the connection")).click();
        chromium.await(By.id("status"));
        assertThat(eventTypes()).first().isEqualTo("link.created");
        assertThat(chromium.text(By.id("events"))).doesNotContain(link.substring(link.lastIndexOf('/') + 1));

        // the account's owner opens it in their own browser, with no login, and consents at Zoho
        chromium.becomeSomeoneElse();
        chromium.open(link);
        chromium.await(By.id("continue"));
        assertThat(chromium.text(By.tagName("main"))).contains("Connect your Zoho account").contains(id).contains("AU")
                .contains("sandbox");
        assertThat(chromium.text(By.tagName("header"))).doesNotContain("Log out");
        chromium.screenshot("21-link-opened-by-the-owner");
        chromium.find(By.id("continue")).click();
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "onnected to Zoho"));
        assertThat(chromium.text(By.tagName("main"))).contains(id).contains("ACTIVE");
        chromium.screenshot("22-owner-reconnected");
        assertThat(service.getAsAdmin("/api/connections/" + id + "/events?limit=5").body()).contains("connect-link");
    }

    @Test
    void deleteAsksFirstCanBeCancelledAndThenTheConnectionIsGone() {
        String id = "page-delete";
        service.connect(id, "ca", "production");
        openAsAdmin(id);

        chromium.find(By.cssSelector("button[data-action=delete]")).click();
        chromium.await(By.id("confirm-delete"));
        assertThat(chromium.text(By.tagName("h2"))).isEqualTo("Delete connection " + id + "?");
        assertThat(chromium.text(By.tagName("main"))).contains("CA, production").contains("cannot be undone");
        chromium.screenshot("30-confirm-delete");
        chromium.find(By.id("cancel-delete")).click();
        chromium.await(By.id("status"));
        assertThat(chromium.text(By.id("status"))).isEqualTo("ACTIVE"); // nothing happened
        assertThat(service.getAsAdmin("/api/connections/" + id).statusCode()).isEqualTo(200);

        deleteWithTheMouse("revoked at Zoho and deleted");
        chromium.screenshot("31-deleted");
        assertThat(service.getAsAdmin("/api/connections/" + id).statusCode()).isEqualTo(404);
        assertThat(chromium.browser().findElements(By.linkText("The connection"))).as("no link to a page that is gone").isEmpty();

        chromium.find(By.linkText("Back to the connections")).click();
        chromium.await(By.id("connections"));
        chromium.find(By.name("q")).sendKeys(id, Keys.ENTER);
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connections"), "No connection matches."));
        chromium.screenshot("32-gone-from-the-list");
    }

    @Test
    void aDeleteZohoDoesNotConfirmSaysSoAndDeleteAgainFinishesIt() {
        String id = "page-revoke-pending";
        service.connect(id, "us", "production");
        simulator.fault("revoke", "http_503", 1);
        openAsAdmin(id);

        deleteWithTheMouse("did not confirm the revocation");
        assertThat(chromium.find(By.id("outcome")).getAttribute("class")).contains("bad");
        chromium.screenshot("33-revoke-pending");
        chromium.find(By.linkText("The connection")).click(); // still there: its page says what happens next
        chromium.await(By.id("status"));
        assertThat(chromium.text(By.id("status"))).isEqualTo("REVOKE_PENDING");
        assertThat(chromium.text(By.id("what-to-do"))).contains("retries");
        chromium.screenshot("34-revoke-pending-page");

        deleteWithTheMouse("revoked at Zoho and deleted");
        assertThat(service.getAsAdmin("/api/connections/" + id).statusCode()).isEqualTo(404);
    }

    /** Tab and Shift-Tab to move, Space and Enter to press; the focus shows at every stop. */
    @Test
    void aKeyboardUserDeletesAConnectionAfterConfirming() {
        String id = "page-keyboard-delete";
        service.connect(id, "eu", "production");
        openAsAdmin(id);

        chromium.tabTo(By.cssSelector("button[data-action=refresh]"));
        chromium.assertFocusShownOn(By.cssSelector("button[data-action=refresh]"), ConnectInBrowserTest.DASHBOARD_FOCUS);
        chromium.tabTo(By.cssSelector("button[data-action=delete]"));
        chromium.assertFocusShownOn(By.cssSelector("button[data-action=delete]"), ConnectInBrowserTest.DASHBOARD_FOCUS);
        chromium.screenshot("40-keyboard-on-delete");
        chromium.press(Keys.SPACE);

        chromium.await(By.id("confirm-delete"));
        chromium.tabTo(By.id("cancel-delete")); // past the confirmation to Cancel, and back
        chromium.assertFocusShownOn(By.id("cancel-delete"), ConnectInBrowserTest.DASHBOARD_FOCUS);
        chromium.shiftTab();
        chromium.assertFocusShownOn(By.id("confirm-delete"), ConnectInBrowserTest.DASHBOARD_FOCUS);
        chromium.screenshot("41-keyboard-confirm");
        chromium.press(Keys.ENTER);

        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "revoked at Zoho and deleted"));
        chromium.tabTo(By.linkText("Back to the connections"));
        chromium.assertFocusShownOn(By.linkText("Back to the connections"), ConnectInBrowserTest.DASHBOARD_FOCUS);
        chromium.screenshot("42-keyboard-deleted");
        assertThat(service.getAsAdmin("/api/connections/" + id).statusCode()).isEqualTo(404);
    }

    /** Delete…, then the confirmation's button; waits for the outcome to say {@code outcome}. */
    private void deleteWithTheMouse(String outcome) {
        chromium.find(By.cssSelector("button[data-action=delete]")).click();
        chromium.await(By.id("confirm-delete")).click();
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), outcome));
    }

    private void openAsAdmin(String connectionId) {
        chromium.logIn(service.baseUrl() + "/connections/" + connectionId, "admin", ADMIN_KEY);
        chromium.await(By.id("status"));
        assertThat(chromium.browser().getTitle()).isEqualTo("Connection " + connectionId);
    }

    /** The facts list of the page: name → value. */
    private Map<String, String> facts() {
        List<WebElement> names = chromium.browser().findElements(By.cssSelector("dl.facts dt"));
        List<WebElement> values = chromium.browser().findElements(By.cssSelector("dl.facts dd"));
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            facts.put(names.get(i).getText(), values.get(i).getText());
        }
        return facts;
    }

    /** The types of the events listed, newest first. */
    private List<String> eventTypes() {
        return chromium.browser().findElements(By.cssSelector("#events tbody tr[data-event-type]")).stream()
                .map(tr -> tr.getAttribute("data-event-type")).toList();
    }

}

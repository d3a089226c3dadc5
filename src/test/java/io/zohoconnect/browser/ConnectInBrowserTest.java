package io.zohoconnect.browser;

import java.util.List;
import java.util.Map;

import io.zohoconnect.support.Chromium;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's demo, done by a person in a real browser: log in to the dashboard, connect an EU
 * sandbox account with the form (a POST with its CSRF token), approve on the simulator's consent
 * page (auto-approve off, so the page really shows), land on the success page and find the
 * connection ACTIVE in the dashboard table — once with the mouse, once with the keyboard alone.
 */
class ConnectInBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** How the dashboard's stylesheet draws keyboard focus (:focus-visible). */
    static final String DASHBOARD_FOCUS = "solid 3px";

    @BeforeEach
    void showTheConsentPage() {
        simulator.settings(Map.of("autoApprove", false)); // reset after each test
    }

    @Test
    void anAdminConnectsAnEuSandboxAccountAndSeesItActiveOnTheDashboard() {
        String id = "browser-eu-sandbox";
        // 1. the dashboard asks for a login: admin / the admin key
        chromium.open(service.baseUrl() + "/");
        chromium.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertThat(chromium.browser().getCurrentUrl()).endsWith("/login");
        chromium.find(By.name("username")).sendKeys("admin");
        chromium.find(By.name("password")).sendKeys(ADMIN_KEY);
        chromium.screenshot("01-login");
        chromium.find(By.cssSelector("button[type=submit]")).click();

        // 2. the dashboard, with the connect form filled in: EU, sandbox
        chromium.await(By.id("connections"));
        assertThat(chromium.browser().getCurrentUrl()).startsWith(service.baseUrl() + "/"); // "/?continue": the saved request
        assertThat(chromium.text(By.tagName("header"))).contains("Log out");
        chromium.find(By.name("connection_id")).sendKeys(id);
        new Select(chromium.find(By.name("dc"))).selectByValue("eu");
        new Select(chromium.find(By.name("environment"))).selectByValue("sandbox");
        chromium.screenshot("02-dashboard-connect-form");
        chromium.find(By.id("connect")).click();

        // 3. the simulated Zoho consent page of the EU accounts server: the account lives in EU; approve
        chromium.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        assertThat(chromium.browser().getCurrentUrl()).startsWith(simulator.baseUrl() + "/eu/accounts/oauth/v2/auth");
        assertThat(chromium.text(By.id("scopes"))).contains("ZohoCRM.modules.ALL");
        assertThat(chromium.find(By.id("deny")).isDisplayed()).isTrue();
        new Select(chromium.find(By.id("user_dc"))).selectByValue("eu");
        chromium.screenshot("03-zoho-consent");
        chromium.find(By.id("approve")).click();

        // 4. back on the service: the success page
        assertConnectedPage(id, "EU", "sandbox");
        chromium.screenshot("04-connected");
        // the flow was bound to this browser by an HttpOnly, SameSite=Lax cookie (issue 9 item 6)
        Cookie binding = chromium.browser().manage().getCookieNamed("zoho_connect_browser");
        assertThat(binding).as("browser-binding cookie").isNotNull();
        assertThat(binding.isHttpOnly()).isTrue();
        assertThat(binding.getSameSite()).isEqualTo("Lax");
        assertThat(binding.getPath()).isEqualTo("/");

        // 5. the dashboard lists the connection as ACTIVE, EU, sandbox: found by typing its id in the search box
        chromium.find(By.linkText("Back to the dashboard")).click();
        chromium.await(By.id("connections"));
        chromium.find(By.name("q")).sendKeys(id, Keys.ENTER);
        chromium.until(ExpectedConditions.urlContains("q=" + id));
        List<String> row = rowOf(id);
        assertThat(row).as("dashboard row of %s", id).hasSize(9);
        assertThat(row.get(1)).isEqualTo("EU");
        assertThat(row.get(2)).isEqualTo("sandbox");
        assertThat(row.get(3)).isEqualTo("ACTIVE");
        assertThat(row.get(4)).endsWith("UTC");
        assertThat(row.get(5)).as("last refresh (the consent gave the first token)").endsWith("UTC");
        assertThat(row.get(6)).as("the Zoho org the grant belongs to").containsIgnoringCase("enterprise").contains("id ");
        assertThat(row.get(7)).as("the org's API credits used in the last 24 hours").contains(" of ").endsWith("ok");
        assertThat(row.get(8)).isEmpty();
        assertThat(chromium.text(By.cssSelector("[data-count-status=ACTIVE]"))).matches("\\d+ active");
        chromium.screenshot("05-dashboard-active");
    }

    /**
     * Tab and Shift-Tab to move, typing into fields (a closed list picks its option by the typed
     * letter), Enter and Space to press: never the mouse, and each stop shows where the focus is.
     */
    @Test
    void aKeyboardUserLogsInAndConnectsWithoutTheMouse() {
        String id = "browser-keyboard";
        chromium.open(service.baseUrl() + "/");
        chromium.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        chromium.tabTo(By.name("username"));
        chromium.assertFocusShownOn(By.name("username"));
        chromium.press("admin", Keys.TAB);
        chromium.assertFocusShownOn(By.name("password"));
        chromium.press(ADMIN_KEY, Keys.ENTER);
        chromium.await(By.id("connections"));
        chromium.screenshot("10-keyboard-logged-in");

        chromium.tabTo(By.name("connection_id"));
        chromium.assertFocusShownOn(By.name("connection_id"), DASHBOARD_FOCUS);
        chromium.press(id, Keys.TAB);
        chromium.assertFocusShownOn(By.name("dc"), DASHBOARD_FOCUS);
        chromium.press("j"); // JP
        chromium.press(Keys.TAB);
        chromium.assertFocusShownOn(By.name("environment"), DASHBOARD_FOCUS);
        chromium.press("d"); // developer
        chromium.press(Keys.TAB, Keys.TAB);
        chromium.assertFocusShownOn(By.id("connect"), DASHBOARD_FOCUS);
        chromium.shiftTab(); // back one stop: the scopes stay empty, the defaults apply
        chromium.assertFocusShownOn(By.name("scopes"), DASHBOARD_FOCUS);
        chromium.press(Keys.TAB);
        chromium.assertFocusShownOn(By.id("connect"), DASHBOARD_FOCUS);
        chromium.screenshot("11-keyboard-connect-form");
        assertThat(new Select(chromium.find(By.name("dc")))
                .getFirstSelectedOption().getText()).isEqualTo("JP");
        assertThat(new Select(chromium.find(By.name("environment"))).getFirstSelectedOption().getText()).isEqualTo("developer");
        chromium.press(Keys.SPACE); // a focused button is pressed with Space as with Enter

        // Zoho's consent page: Tab to Approve, Enter
        chromium.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertThat(chromium.browser().getCurrentUrl()).startsWith(simulator.baseUrl() + "/jp/accounts/oauth/v2/auth");
        chromium.tabTo(By.id("approve"));
        chromium.screenshot("12-keyboard-consent");
        chromium.press(Keys.ENTER);

        assertConnectedPage(id, "JP", "developer");
        chromium.tabTo(By.linkText("Back to the dashboard"));
        chromium.assertFocusShownOn(By.linkText("Back to the dashboard"), DASHBOARD_FOCUS);
        chromium.screenshot("13-keyboard-connected");
        chromium.press(Keys.ENTER);
        chromium.await(By.id("connections"));
        assertThat(chromium.browser().getCurrentUrl()).isEqualTo(service.baseUrl() + "/");
    }

    @Test
    void denyingAtZohoStoresNothingAndSaysSo() {
        String id = "browser-denied";
        chromium.logIn(service.baseUrl() + "/", "admin", ADMIN_KEY);
        chromium.await(By.name("connection_id")).sendKeys(id);
        chromium.find(By.id("connect")).click();
        chromium.until(ExpectedConditions.elementToBeClickable(By.id("deny"))).click();
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "Access was not granted"));
        assertThat(chromium.text(By.tagName("main"))).contains("access_denied").contains(id).contains("Nothing was stored");
        chromium.screenshot("30-denied");
        assertThat(service.getAsAdmin("/api/connections/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongKeyIsRefusedAndLogOutEndsTheSession() {
        chromium.open(service.baseUrl() + "/syncs");
        chromium.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("admin");
        chromium.find(By.name("password")).sendKeys("not-the-admin-key", Keys.ENTER);
        chromium.until(ExpectedConditions.urlContains("/login?error"));
        assertThat(chromium.text(By.tagName("body"))).contains("Invalid credentials");
        chromium.screenshot("20-wrong-key");

        chromium.logIn(service.baseUrl() + "/syncs", "admin", ADMIN_KEY);
        chromium.await(By.id("syncs"));
        chromium.find(By.xpath("//header//button[text()='Log out']")).click();
        chromium.until(ExpectedConditions.urlContains("/login?logout"));
        chromium.screenshot("21-logged-out");
        chromium.open(service.baseUrl() + "/syncs");
        chromium.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertThat(chromium.browser().getCurrentUrl()).endsWith("/login");
    }

    private void assertConnectedPage(String id, String dc, String environment) {
        chromium.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "onnected to Zoho"));
        assertThat(chromium.browser().getCurrentUrl()).startsWith(service.baseUrl() + "/oauth/callback?");
        assertThat(chromium.text(By.tagName("main"))).contains(id, "ACTIVE", dc, environment,
                simulator.baseUrl() + "/" + dc.toLowerCase() + "/");
    }


    /** The cells of the connections-table row whose first cell is {@code connectionId}. */
    private List<String> rowOf(String connectionId) {
        return chromium.rows(By.id("connections")).stream().filter(cells -> cells.get(0).equals(connectionId)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + connectionId + " in the connections table:\n"
                        + chromium.text(By.id("connections"))));
    }
}

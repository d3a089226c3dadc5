package io.zohoconnect.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's demo, done by a person in a real browser: Debian's headless Chromium, driven by
 * chromedriver through Selenium, logs in to the dashboard, connects an EU sandbox account with the
 * form (a POST with its CSRF token), approves on the simulator's consent page (auto-approve off, so the page really shows), lands
 * on the success page and finds the connection ACTIVE in the dashboard table. Each step leaves a
 * screenshot in {@code target/browser/}.
 *
 * <p>Skipped where Chromium or chromedriver is not installed; mandatory (fails instead) when
 * {@code ZOHO_CONNECT_REQUIRE_BROWSER=true}, as CI sets it.
 */
class ConnectInBrowserTest extends IntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "browser");
    static final String REQUIRE_ENV = "ZOHO_CONNECT_REQUIRE_BROWSER";
    static final String CONNECTION_ID = "browser-eu-sandbox";
    static final Duration WAIT = Duration.ofSeconds(20);

    private ChromeDriverService driverService;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path profileDir;

    @BeforeEach
    void startBrowser() throws IOException {
        requireBrowser();
        simulator.settings(Map.of("autoApprove", false)); // show the consent page (reset after each test)
        Files.createDirectories(SCREENSHOTS);
        profileDir = Files.createTempDirectory("zoho-connect-chromium-");
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(SCREENSHOTS.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Chromium runs as root here (--no-sandbox); the background-networking switches keep it from
        // dialling out, which this closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profileDir.toAbsolutePath());
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (profileDir != null) {
            try (Stream<Path> files = Files.walk(profileDir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void anAdminConnectsAnEuSandboxAccountAndSeesItActiveOnTheDashboard() {
        // 1. the dashboard asks for a login: admin / the admin key
        browser.get(service.baseUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys("test-admin-key-0123456789abcdef");
        screenshot("01-login");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // 2. the dashboard, with the connect form filled in: EU, sandbox
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connections")));
        assertThat(browser.getCurrentUrl()).startsWith(service.baseUrl() + "/"); // "/?continue": the saved request
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("Log out");
        browser.findElement(By.name("connection_id")).sendKeys(CONNECTION_ID);
        new Select(browser.findElement(By.name("dc"))).selectByValue("eu");
        new Select(browser.findElement(By.name("environment"))).selectByValue("sandbox");
        screenshot("02-dashboard-connect-form");
        browser.findElement(By.id("connect")).click();

        // 3. the simulated Zoho consent page of the EU accounts server: the account lives in EU; approve
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        assertThat(browser.getCurrentUrl()).startsWith(simulator.baseUrl() + "/eu/accounts/oauth/v2/auth");
        assertThat(browser.findElement(By.id("scopes")).getText()).contains("ZohoCRM.modules.ALL");
        assertThat(browser.findElement(By.id("deny")).isDisplayed()).isTrue();
        new Select(browser.findElement(By.id("user_dc"))).selectByValue("eu");
        screenshot("03-zoho-consent");
        browser.findElement(By.id("approve")).click();

        // 4. back on the service: the success page
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h2"), "onnected to Zoho"));
        assertThat(browser.getCurrentUrl()).startsWith(service.baseUrl() + "/oauth/callback?");
        String success = browser.findElement(By.tagName("main")).getText();
        assertThat(success).contains(CONNECTION_ID, "ACTIVE", "EU", "sandbox", simulator.baseUrl() + "/eu/sandbox-api");
        screenshot("04-connected");
        // the flow was bound to this browser by an HttpOnly, SameSite=Lax cookie (issue 9 item 6)
        Cookie binding = browser.manage().getCookieNamed("zoho_connect_browser");
        assertThat(binding).as("browser-binding cookie").isNotNull();
        assertThat(binding.isHttpOnly()).isTrue();
        assertThat(binding.getSameSite()).isEqualTo("Lax");
        assertThat(binding.getPath()).isEqualTo("/");

        // 5. the dashboard lists the connection as ACTIVE, EU, sandbox: found by typing its id in the search box
        browser.findElement(By.linkText("Back to the dashboard")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connections")));
        browser.findElement(By.name("q")).sendKeys(CONNECTION_ID, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q=" + CONNECTION_ID));
        List<String> row = rowOf(CONNECTION_ID);
        assertThat(row).as("dashboard row of %s", CONNECTION_ID).hasSize(8);
        assertThat(row.get(1)).isEqualTo("EU");
        assertThat(row.get(2)).isEqualTo("sandbox");
        assertThat(row.get(3)).isEqualTo("ACTIVE");
        assertThat(row.get(4)).endsWith("UTC");
        assertThat(row.get(5)).as("last refresh (the consent gave the first token)").endsWith("UTC");
        assertThat(row.get(6)).as("the Zoho org the grant belongs to").containsIgnoringCase("enterprise").contains("id ");
        assertThat(row.get(7)).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-count-status=ACTIVE]")).getText()).matches("\\d+ active");
        screenshot("05-dashboard-active");
    }

    @Test
    void anOperatorRunsAConnectionFromItsPageAndDeletesItWithTheKeyboardOnly() {
        simulator.settings(Map.of("autoApprove", true));
        service.connect("browser-page", "in", "production");
        clock.advance(Duration.ofMinutes(2)); // past the minimum interval between two refreshes
        browser.get(service.baseUrl() + "/connections/browser-page");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys("test-admin-key-0123456789abcdef", Keys.ENTER);

        // the connection page: status with what to do, facts, the refresh-history chart, events, actions
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("ACTIVE");
        assertThat(browser.findElement(By.id("what-to-do")).getText()).contains("nothing");
        assertThat(browser.findElement(By.cssSelector("svg[data-chart=refresh-history]")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("events")).getText()).contains("connection.created");
        assertThat(browser.findElement(By.tagName("nav")).getText()).contains("Syncs");
        screenshot("10-connection-page");

        // refresh now: the page comes back with the outcome and the refresh in its history
        browser.findElement(By.cssSelector("button[data-action=refresh]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("Refresh: refreshed");
        assertThat(browser.findElement(By.id("events")).getText()).contains("refresh.forced").contains("connection.refreshed");
        screenshot("11-refreshed");

        // a connect link, with its copy button
        browser.findElement(By.cssSelector("button[data-action=link]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("link-url")));
        assertThat(browser.findElement(By.id("link-url")).getAttribute("value")).contains("/connect/link/");
        browser.findElement(By.id("copy-link")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.textToBe(By.id("copy-status"), "")));
        screenshot("12-link");

        // the syncs page, from the navigation
        browser.findElement(By.linkText("Syncs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("syncs")));
        assertThat(browser.findElements(By.cssSelector("svg[data-chart=records-per-run]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("svg[data-chart=lag]"))).isNotEmpty();
        screenshot("13-syncs");

        // delete with the keyboard only: Tab to the button, Enter; Tab to the confirmation, Enter
        browser.get(service.baseUrl() + "/connections/browser-page");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status")));
        tabTo(By.cssSelector("button[data-action=delete]")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-delete")));
        screenshot("14-confirm-delete");
        tabTo(By.id("confirm-delete")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("revoked at Zoho and deleted");
        screenshot("15-deleted");
        assertThat(service.getAsAdmin("/api/connections/browser-page").statusCode()).isEqualTo(404);
    }

    /** Presses Tab from the top of the page until {@code target} has the focus (as a keyboard user would). */
    private WebElement tabTo(By target) {
        WebElement wanted = browser.findElement(target);
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        for (int i = 0; i < 60; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
            if (browser.switchTo().activeElement().equals(wanted)) {
                return wanted;
            }
        }
        throw new AssertionError("Tab never reached " + target);
    }

    /** The cells of the connections-table row whose first cell is {@code connectionId}. */
    private List<String> rowOf(String connectionId) {
        for (WebElement tr : browser.findElements(By.cssSelector("#connections tbody tr"))) {
            List<String> cells = tr.findElements(By.tagName("td")).stream().map(td -> td.getText().trim()).toList();
            if (!cells.isEmpty() && cells.get(0).equals(connectionId)) {
                return cells;
            }
        }
        throw new AssertionError("no row for " + connectionId + " in the connections table:\n"
                + browser.findElement(By.id("connections")).getText());
    }

    private void screenshot(String name) {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skip with a reason where there is no browser; fail when the environment says it must run. */
    private static void requireBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String reason = "Real-browser test needs Debian's Chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
            fail(reason + " — and " + REQUIRE_ENV + "=true makes this test mandatory");
        }
        assumeTrue(false, reason + " — skipped (set " + REQUIRE_ENV + "=true to make it mandatory)");
    }
}

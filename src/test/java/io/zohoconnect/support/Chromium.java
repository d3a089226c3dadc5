package io.zohoconnect.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One headless Chromium for a test class, as a JUnit extension: register it as a
 * {@code @RegisterExtension static final Chromium chromium = new Chromium();}. Debian's Chromium is
 * driven by its chromedriver through Selenium. Each test starts as a new operator (no cookies); each
 * step the test names leaves a screenshot in {@code target/browser/<test class>/}, and a failed test
 * leaves one more with its page's HTML beside it.
 *
 * <p>Skips the class where Chromium or chromedriver is not installed; fails instead when
 * {@code ZOHO_CONNECT_REQUIRE_BROWSER=true}, as CI sets it.
 */
public final class Chromium implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback, AfterAllCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String REQUIRE_ENV = "ZOHO_CONNECT_REQUIRE_BROWSER";
    /** How long a condition may take: generous, as the machine running the suite may be busy. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** Tab presses before giving up on reaching an element: more than any of the pages has stops. */
    private static final int MAX_TABS = 120;

    private ChromeDriverService driverService;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path profileDir;
    private Path screenshots;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        requireBrowser();
        screenshots = Path.of("target", "browser", context.getRequiredTestClass().getSimpleName());
        deleteRecursively(screenshots); // only this run's steps (and failures) in it
        Files.createDirectories(screenshots);
    }

    /**
     * A new operator for every test: no session, no browser-binding cookie, on any site. The browser
     * itself starts with the first test, once the test instance (and so the service) is up:
     * chromedriver's free port, picked earlier, could be the one the service has been given but has
     * not bound yet.
     */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (browser == null) {
            start();
        }
        becomeSomeoneElse();
    }

    /** From here on the browser is another person's: no cookies of anyone before, on any site. */
    public void becomeSomeoneElse() {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.get("about:blank");
    }

    private void start() throws IOException {
        profileDir = Files.createTempDirectory("zoho-connect-chromium-");
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(screenshots.resolve("chromedriver.log").toFile())
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

    @Override
    public void afterTestExecution(ExtensionContext context) throws IOException {
        if (context.getExecutionException().isPresent() && browser != null) {
            String name = "FAILED-" + context.getRequiredTestMethod().getName();
            screenshot(name);
            Files.writeString(screenshots.resolve(name + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource(),
                    StandardCharsets.UTF_8);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (profileDir != null) {
            deleteRecursively(profileDir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    public ChromeDriver browser() {
        return browser;
    }

    public void open(String url) {
        browser.get(url);
    }

    /** Waits for {@code condition} (never a fixed sleep) and returns what it yields. */
    public <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    /** Waits until an element matching {@code locator} is in the page, and returns it. */
    public WebElement await(By locator) {
        return until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    public WebElement find(By locator) {
        return browser.findElement(locator);
    }

    public String text(By locator) {
        return browser.findElement(locator).getText();
    }

    /**
     * The rows of the body of {@code table}, each as the text of its cells (as shown: innerText). One
     * script call, not one WebDriver call per cell: a page of 50 connections has 400 cells.
     */
    @SuppressWarnings("unchecked")
    public List<List<String>> rows(By table) {
        return (List<List<String>>) browser.executeScript("""
                return Array.from(arguments[0].querySelectorAll('tbody tr'))
                    .map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim()));
                """, browser.findElement(table));
    }

    /**
     * Opens {@code url}, which asks for a login, types the user and password into the login form and presses Enter,
     * then opens {@code url} again: a login lands on the dashboard (the service keeps no saved request for anonymous
     * visitors, so it does not know what was asked for).
     */
    public void logIn(String url, String username, String password) {
        open(url);
        until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        if (!browser.getCurrentUrl().equals(url)) {
            open(url);
        }
    }

    /**
     * Saves the whole page, also what lies below the window (charts, events), as
     * {@code target/browser/<test class>/<name>.png}.
     */
    @SuppressWarnings("unchecked")
    public void screenshot(String name) {
        Map<String, Object> metrics = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", content.get("width"),
                        "height", content.get("height"), "scale", 1)));
        try {
            Files.write(screenshots.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the keyboard, as a person without a mouse uses it ----

    /** Presses keys on whatever has the focus (never on an element picked by the test: that would move the focus). */
    public void press(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** Shift-Tab: the focus goes back one stop. */
    public void shiftTab() {
        new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user would; fails if it never does. */
    public WebElement tabTo(By target) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < MAX_TABS; i++) {
            press(Keys.TAB);
            if (focused().equals(wanted)) {
                return wanted;
            }
        }
        throw new AssertionError("the keyboard never reached " + target + "; the focus ended on " + describe(focused()));
    }

    public WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /**
     * Fails unless the focused element is {@code expected} and shows it: the browser considers the
     * focus keyboard-visible ({@code :focus-visible}) and draws an outline for it.
     */
    public void assertFocusShownOn(By expected) {
        WebElement element = browser.findElement(expected);
        if (!focused().equals(element)) {
            throw new AssertionError("the focus is not on " + expected + " but on " + describe(focused()));
        }
        String indicator = focusIndicator();
        if (indicator.equals("invisible") || !element.isDisplayed()) {
            throw new AssertionError("the focus on " + expected + " is not shown: " + describe(element));
        }
    }

    /** As {@link #assertFocusShownOn(By)}, and the outline is {@code outline}, e.g. {@code "solid 3px"}. */
    public void assertFocusShownOn(By expected, String outline) {
        assertFocusShownOn(expected);
        String indicator = focusIndicator();
        if (!indicator.equals(outline)) {
            throw new AssertionError("the focus on " + expected + " is drawn as " + indicator + ", not " + outline);
        }
    }

    /**
     * How the focused element shows its focus: its outline while the browser considers the focus
     * keyboard-visible ({@code :focus-visible}), e.g. {@code "solid 3px"} (the dashboard's) or
     * {@code "auto 1px"} (Chromium's own ring); {@code "invisible"} otherwise.
     */
    public String focusIndicator() {
        return (String) browser.executeScript("""
                const e = document.activeElement;
                if (!e || e === document.body || !e.matches(':focus-visible')) { return 'invisible'; }
                const style = getComputedStyle(e);
                return style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0
                    ? 'invisible' : style.outlineStyle + ' ' + style.outlineWidth;
                """);
    }

    private String describe(WebElement element) {
        return (String) browser.executeScript("const e = arguments[0]; return e.outerHTML.substring(0, 200);", element);
    }

    // ---- the clipboard ----

    /**
     * Lets pages of {@code origin} read and write the clipboard without asking: headless Chromium
     * has no one to answer its permission prompt.
     */
    public void allowClipboard(String origin) {
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** What the clipboard holds now, read by the page (which needs {@link #allowClipboard}). */
    public String clipboard() {
        return (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                navigator.clipboard.readText().then(done, e => done('clipboard not readable: ' + e));
                """);
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

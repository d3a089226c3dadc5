package io.zohoconnect.browser;

import java.util.List;

import io.zohoconnect.support.Chromium;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The syncs page in Chromium: each sync with mode, schedule, last run, records, checkpoint, lag and
 * last error, its two charts, and "Run now" — a run that fails because its connection is missing,
 * then, once connected, a run that delivers the module, each shown on the page afterwards.
 */
class SyncsInBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** Declared in integration-test.properties: Deals of props-conn, never scheduled. */
    private static final String SYNC = "props-declared";
    private static final String CONNECTION = "props-conn";

    @AfterEach
    void removeTheConnection() {
        service.sendAsAdmin("DELETE", "/api/connections/" + CONNECTION, null); // other tests expect it missing
    }

    @Test
    void runNowFailsWithoutTheConnectionThenDeliversTheModuleAndThePageShowsBothRuns() {
        simulator.seedModule("eu", "production", "Deals", 30, 0, 5);
        chromium.logIn(service.baseUrl() + "/", "admin", ADMIN_KEY);
        chromium.await(By.id("connections"));
        chromium.find(By.linkText("Syncs")).click();
        chromium.await(By.id("syncs"));
        assertThat(chromium.browser().getTitle()).isEqualTo("Syncs");
        List<String> before = row();
        assertThat(before.subList(0, 5)).containsExactly(SYNC, CONNECTION, "Deals", "incremental", "0 0 0 1 1 ? 2099");
        WebElement charts = chromium.find(By.id("sync-" + SYNC));
        assertThat(charts.findElement(By.cssSelector("svg[data-chart=records-per-run]")).isDisplayed()).isTrue();
        assertThat(charts.findElement(By.cssSelector("svg[data-chart=lag]")).isDisplayed()).isTrue();
        int runsBefore = runsCharted();
        int requestsBefore = runRequests();
        chromium.screenshot("01-syncs");

        // without its connection: the run fails, and says why
        runNow();
        List<String> failed = untilARunIsShown(runsBefore);
        assertThat(failed.get(9)).contains(CONNECTION);
        assertThat(chromium.find(By.cssSelector("#sync-" + SYNC + " svg[data-chart=records-per-run]")).getAttribute("innerHTML"))
                .contains("failed run");
        chromium.screenshot("02-failed-run");

        // connected: the next run reads the 30 deals and sets a checkpoint
        service.connect(CONNECTION, "eu", "production");
        runNow();
        List<String> done = untilARunIsShown(runsBefore + 1);
        assertThat(done.get(5)).endsWith("UTC");
        assertThat(done.get(6)).startsWith("30 (total ");
        assertThat(done.get(7)).as("checkpoint").endsWith("UTC");
        assertThat(done.get(8)).as("lag").matches("\\d+ (s|min|h|days)");
        assertThat(done.get(9)).as("last error").isEqualTo("—");
        WebElement records = chromium.find(By.cssSelector("#sync-" + SYNC + " svg[data-chart=records-per-run]"));
        assertThat(records.findElements(By.tagName("title"))).extracting(t -> t.getAttribute("textContent"))
                .anySatisfy(title -> assertThat(title).endsWith(": 30 records"));
        WebElement lag = chromium.find(By.cssSelector("#sync-" + SYNC + " svg[data-chart=lag]"));
        assertThat(lag.findElements(By.tagName("circle"))).isNotEmpty();
        // drawn in the unit the lag column reads in (the simulator's deals were modified long ago: days)
        String lagUnit = done.get(8).replaceAll("^\\d+ ", "");
        assertThat(lag.getAttribute("aria-label")).contains(" " + lagUnit);
        chromium.screenshot("03-run-with-records");
        // the reloads only read the page: two runs were asked for, no more
        assertThat(runRequests()).isEqualTo(requestsBefore + 2);
    }

    private int runRequests() {
        return service.json(service.getAsAdmin("/api/events?type=sync.run_requested&connection_id=" + CONNECTION + "&limit=200"))
                .path("events").size();
    }

    private void runNow() {
        chromium.find(By.cssSelector("tr[data-sync='" + SYNC + "'] button[data-action=run]")).click();
        chromium.await(By.id("outcome"));
        assertThat(chromium.text(By.id("outcome"))).startsWith("Started sync " + SYNC);
        assertThat(chromium.browser().getCurrentUrl()).isEqualTo(service.baseUrl() + "/syncs?started=" + SYNC);
    }

    /**
     * Reloads the syncs page, as the outcome says to, until its chart has more than {@code runsBefore}
     * runs; the row then. (Run now redirected to the page, so a reload does not run the sync again.)
     */
    private List<String> untilARunIsShown(int runsBefore) {
        return chromium.until(browser -> {
            browser.navigate().refresh();
            chromium.await(By.id("syncs"));
            return runsCharted() > runsBefore && !row().get(5).startsWith("running") ? row() : null;
        });
    }

    /** The sync's row: Sync, Connection, Module, Mode, Schedule, Last run, Records, Checkpoint, Lag, Last error. */
    private List<String> row() {
        return chromium.rows(By.id("syncs")).stream().filter(cells -> cells.get(0).equals(SYNC)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + SYNC + " on the syncs page"));
    }

    /** Runs in the records-per-run chart: one bar (with its title) per run, a failed run red. */
    private int runsCharted() {
        return chromium.browser().findElements(By.cssSelector("#sync-" + SYNC + " svg[data-chart=records-per-run] rect > title"))
                .stream().map(t -> t.getAttribute("textContent")).filter(t -> !t.endsWith(": 0 records")).toList().size();
    }
}

package io.zohoconnect.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zohoconnect.connection.ConnectionStatus;
import io.zohoconnect.connection.ConnectionStore;
import io.zohoconnect.connection.NewGrant;
import io.zohoconnect.connection.Secret;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.support.Chromium;
import io.zohoconnect.support.IntegrationTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connections list in Chromium with more connections than a page holds: the count of each
 * status first, a count that filters the list, filters by status and data center, search by a part
 * of the id, and paging to the end and back. One instance for the class, so the connections are
 * stored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionsListInBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** Connections stored for the test: 2½ pages; every 5th needs re-consent, every 3rd lives in IN. */
    private static final int SEEDED = 130;

    @Autowired
    ConnectionStore connections;

    @Autowired
    JdbcClient jdbc;

    private String prefix;

    /** Stored directly, once for the class (no consent round trip each): the list reads only the table. */
    @BeforeAll
    void seedConnections() {
        prefix = "list" + System.nanoTime() % 100000 + "-";
        for (int i = 0; i < SEEDED; i++) {
            String id = id(i);
            String dc = i % 3 == 0 ? "in" : "au";
            connections.saveGrant(new NewGrant(id, dc, Environment.PRODUCTION, "http://127.0.0.1/" + dc + "/accounts",
                    "http://127.0.0.1/" + dc + "/api", List.of("ZohoCRM.modules.ALL"), new Secret("1000.r." + id),
                    new Secret("1000.a." + id), Instant.now().plus(Duration.ofHours(1)), null));
            // none ACTIVE: the refresh passes other tests run on this shared database leave them alone
            jdbc.sql("UPDATE zoho_connection SET status = :status WHERE id = :id").param("id", id)
                    .param("status", i % 5 == 0 ? "NEEDS_REAUTH" : "REVOKED").update();
        }
    }

    @AfterAll
    void removeConnections() {
        jdbc.sql("DELETE FROM zoho_connection WHERE id LIKE :p").param("p", prefix + "%").update();
    }

    @Test
    void theCountsComeFirstAndOneOfThemFiltersTheList() {
        chromium.logIn(service.baseUrl() + "/", "admin", ADMIN_KEY);
        chromium.await(By.id("connections"));
        Map<ConnectionStatus, Long> stored = connections.countByStatus();
        List<WebElement> counts = chromium.browser().findElements(By.cssSelector("[data-count-status]"));
        assertThat(counts).extracting(e -> e.getAttribute("data-count-status")).containsExactly("NEEDS_REAUTH",
                "CLIENT_MISCONFIGURED", "REFRESH_FAILING", "REVOKE_PENDING", "ACTIVE", "REVOKED");
        for (WebElement count : counts) {
            ConnectionStatus status = ConnectionStatus.valueOf(count.getAttribute("data-count-status"));
            assertThat(count.getText()).as(status.name()).startsWith(stored.getOrDefault(status, 0L) + " ");
        }
        WebElement reconsent = counts.get(0);
        assertThat(reconsent.getText()).endsWith(" need re-consent");
        assertThat(stored.get(ConnectionStatus.NEEDS_REAUTH)).isGreaterThanOrEqualTo(SEEDED / 5);
        assertThat(reconsent.getAttribute("class")).isEqualTo("alert"); // what needs a person stands out
        chromium.screenshot("01-counts");

        reconsent.click();
        chromium.until(ExpectedConditions.urlContains("status=NEEDS_REAUTH"));
        assertThat(new Select(chromium.find(By.name("status"))).getFirstSelectedOption().getText()).isEqualTo("NEEDS_REAUTH");
        List<List<String>> rows = rows();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.get(3)).isEqualTo("NEEDS_REAUTH"));
        chromium.screenshot("02-needs-reauth-only");
    }

    @Test
    void filtersBySearchDataCenterAndStatusTogether() {
        chromium.logIn(service.baseUrl() + "/", "admin", ADMIN_KEY);
        chromium.await(By.id("connections"));
        chromium.find(By.name("q")).sendKeys(prefix);
        new Select(chromium.find(By.name("datacenter"))).selectByValue("in");
        chromium.find(By.id("filter")).click();
        chromium.until(ExpectedConditions.urlContains("datacenter=in"));
        List<List<String>> india = rows();
        assertThat(india).hasSize((SEEDED + 2) / 3).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("IN"))
                .allSatisfy(row -> assertThat(row.get(0)).startsWith(prefix));
        assertThat(chromium.browser().findElements(By.id("next-page"))).isEmpty();
        chromium.screenshot("10-in-only");

        // and only those that need re-consent: every 15th
        new Select(chromium.find(By.name("status"))).selectByValue("NEEDS_REAUTH");
        chromium.find(By.id("filter")).click();
        chromium.until(ExpectedConditions.urlContains("status=NEEDS_REAUTH"));
        assertThat(rows()).extracting(row -> row.get(0)).containsExactly(id(0), id(15), id(30), id(45), id(60), id(75),
                id(90), id(105), id(120));
        assertThat(new Select(chromium.find(By.name("datacenter"))).getFirstSelectedOption().getText()).isEqualTo("IN");
        assertThat(chromium.find(By.name("q")).getAttribute("value")).isEqualTo(prefix);
        chromium.screenshot("11-in-and-needs-reauth");

        // one id: its row, and from there its page
        chromium.find(By.linkText("Clear")).click();
        chromium.until(ExpectedConditions.urlToBe(service.baseUrl() + "/"));
        chromium.find(By.name("q")).sendKeys(id(42), Keys.ENTER);
        chromium.until(ExpectedConditions.urlContains("q=" + id(42)));
        assertThat(rows()).extracting(row -> row.get(0)).containsExactly(id(42));
        chromium.screenshot("12-one-id");
        chromium.find(By.linkText(id(42))).click();
        chromium.await(By.id("status"));
        assertThat(chromium.text(By.id("status"))).isEqualTo("REVOKED");

        // what cannot be an id is refused by the forms themselves, before any request
        chromium.open(service.baseUrl() + "/");
        for (String field : List.of("q", "connection_id")) {
            WebElement input = chromium.await(By.name(field));
            input.sendKeys("<b>", Keys.ENTER);
            assertThat(chromium.browser().getCurrentUrl()).as(field).isEqualTo(service.baseUrl() + "/");
            assertThat((Boolean) chromium.browser().executeScript("return arguments[0].validity.patternMismatch;", input))
                    .as("%s refused by its pattern", field).isTrue();
        }
    }

    @Test
    void pagesThroughEveryMatchOnceAndBackToTheFirstPage() {
        chromium.logIn(service.baseUrl() + "/?q=" + prefix, "admin", ADMIN_KEY);
        chromium.await(By.id("connections"));
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            List<String> ids = rows().stream().map(row -> row.get(0)).toList();
            seen.addAll(ids);
            pageSizes.add(ids.size());
            chromium.screenshot(String.format("2%d-page-%d", pageSizes.size(), pageSizes.size()));
            List<WebElement> next = chromium.browser().findElements(By.id("next-page"));
            if (next.isEmpty()) {
                break;
            }
            WebElement lastRow = chromium.find(By.cssSelector("#connections tbody tr:last-child"));
            next.get(0).click();
            chromium.until(ExpectedConditions.stalenessOf(lastRow));
            assertThat(chromium.find(By.id("first-page")).isDisplayed()).isTrue();
        }
        assertThat(pageSizes).containsExactly(50, 50, 30);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < SEEDED; i++) {
            expected.add(id(i));
        }
        assertThat(seen).containsExactlyElementsOf(expected); // in id order, each once

        chromium.find(By.id("first-page")).click();
        chromium.until(ExpectedConditions.not(ExpectedConditions.urlContains("after=")));
        assertThat(rows().get(0).get(0)).isEqualTo(id(0));
        assertThat(chromium.browser().findElements(By.id("first-page"))).isEmpty();
    }

    private String id(int i) {
        return prefix + String.format("%04d", i);
    }

    /** The connections listed, each as its cells (not the "No connection matches." row). */
    private List<List<String>> rows() {
        return chromium.rows(By.id("connections")).stream().filter(cells -> cells.size() > 1).toList();
    }
}

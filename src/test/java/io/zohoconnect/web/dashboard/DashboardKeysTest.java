package io.zohoconnect.web.dashboard;

import io.zohoconnect.web.security.AccessControlTest;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zohoconnect.support.IntegrationTest;
import io.zohoconnect.support.ServiceClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's Keys page: create with a one-time reveal, list without secrets, delete after a confirmation. */
class DashboardKeysTest extends IntegrationTest {

    private static final Pattern SECRET = Pattern.compile("id=\"key-secret\" readonly size=\"60\"\\s+value=\"(zc_[A-Za-z0-9_-]+)\"");
    private static final Pattern KEY_ROW = Pattern.compile("data-key=\"(key_[A-Za-z0-9_-]+)\"><td>dashboard key</td>");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aKeyIsMadeShownOnceListedWithoutItsSecretAndDeletedAfterConfirmation() {
        String connection = "dash-keys-" + Long.toString(System.nanoTime(), 36);
        service.connect(connection, "eu", "production");
        AccessControlTest.BrowserSession browser = new AccessControlTest.BrowserSession(service.baseUrl());
        browser.login("admin", ADMIN_KEY);
        assertThat(browser.get("/").body()).contains("<a href=\"/keys\">Keys</a>");

        Map<String, String> form = new LinkedHashMap<>(Map.of("name", "dashboard key", "connections", connection + ", dash-keys-*",
                "permissions", "connections:read"));
        assertThat(browser.post("/keys/new", form).statusCode()).as("no CSRF token").isEqualTo(403);
        form.put("_csrf", browser.csrfToken("/keys"));
        HttpResponse<String> created = browser.post("/keys/new", form);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("data-copy=\"key-secret\"").contains("shown this");
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as(created.body()).isTrue();
        ServiceClient key = new ServiceClient(URI.create(service.baseUrl()).getPort(), secret.group(1));
        assertThat(key.getAsAdmin("/api/connections/" + connection).statusCode()).isEqualTo(200);

        String listed = browser.get("/keys").body();
        assertThat(listed).contains("dashboard key").contains(connection + ", dash-keys-*").doesNotContain(secret.group(1));
        Matcher row = KEY_ROW.matcher(listed);
        assertThat(row.find()).isTrue();

        Map<String, String> delete = new LinkedHashMap<>(Map.of("_csrf", browser.csrfToken("/keys")));
        HttpResponse<String> confirm = browser.post("/keys/" + row.group(1) + "/delete", delete);
        assertThat(confirm.body()).contains("id=\"confirm-delete\"");
        assertThat(key.getAsAdmin("/api/connections/" + connection).statusCode()).as("not deleted before confirmation").isEqualTo(200);
        delete.put("confirm", "yes");
        assertThat(browser.post("/keys/" + row.group(1) + "/delete", delete).body()).contains("deleted");
        assertThat(key.getAsAdmin("/api/connections/" + connection).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_api_key WHERE id = :id").param("id", row.group(1))
                .query(Long.class).single()).isZero();
    }

    /**
     * A key's name is checked when it is made, but the page must not rely on that: a name stored some other way (a
     * row written by hand, an older version's rules) is shown as text on the list and on the delete confirmation.
     */
    @Test
    void aHostileKeyNameIsShownAsTextNeverAsMarkup() {
        AccessControlTest.BrowserSession browser = new AccessControlTest.BrowserSession(service.baseUrl());
        browser.login("admin", ADMIN_KEY);
        String name = "hostile " + Long.toString(System.nanoTime(), 36);
        Map<String, String> form = new LinkedHashMap<>(Map.of("name", name, "connections", "hostile-*",
                "permissions", "connections:read", "_csrf", browser.csrfToken("/keys")));
        assertThat(browser.post("/keys/new", form).statusCode()).isEqualTo(200);
        String id = jdbc.sql("SELECT id FROM zoho_api_key WHERE name = :name").param("name", name).query(String.class).single();
        jdbc.sql("UPDATE zoho_api_key SET name = :name WHERE id = :id")
                .param("name", "<script>alert('x')</script> & \"Co\"").param("id", id).update();

        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;";
        assertThat(browser.get("/keys").body()).doesNotContain("<script>alert").contains(escaped);
        String confirm = browser.post("/keys/" + id + "/delete", Map.of("_csrf", browser.csrfToken("/keys"))).body();
        assertThat(confirm).doesNotContain("<script>alert").contains("<code>" + escaped + "</code>");
        String deleted = browser.post("/keys/" + id + "/delete", Map.of("_csrf", browser.csrfToken("/keys"), "confirm", "yes"))
                .body();
        assertThat(deleted).doesNotContain("<script>alert").contains("Key " + escaped + " deleted.");
    }
}

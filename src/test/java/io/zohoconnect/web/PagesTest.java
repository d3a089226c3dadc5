package io.zohoconnect.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages rendered from templates escape every value they are given — a hostile org or connection name,
 * an error code from Zoho's redirect, a message quoting input — exactly as {@link Html#escape} does, and keep
 * the structure the browser tests find (the layout, the forms and their ids).
 */
class PagesTest {

    private static final String HOSTILE = "Acme <script>alert('x')</script> & \"Co\"";
    private static final String ESCAPED = "Acme &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;";

    private final Pages pages = new Pages();

    @Test
    void aHostileValueOnAConnectLinkPageIsShownAsTextNeverAsMarkup() {
        String page = pages.confirmLink("/connect/link/t0k3n", HOSTILE, "eu", "production", HOSTILE, false,
                "<input type=\"hidden\" name=\"_csrf\" value=\"abc\">");
        assertThat(page).startsWith("<!DOCTYPE html>").contains(ESCAPED).doesNotContain("<script>")
                .contains("<form method=\"post\" action=\"/connect/link/t0k3n\"><input type=\"hidden\" name=\"_csrf\" value=\"abc\">")
                .contains("id=\"continue\"").contains("<td>EU</td>").contains("<td>no</td>");
        assertThat(page).as("no log-out for someone who is not logged in").doesNotContain("action=\"/logout\"");
    }

    @Test
    void whatZohoAnswersOnADeclinedConsentIsEscaped() {
        String page = pages.denied(HOSTILE, "<img src=x onerror=alert(1)>");
        assertThat(page).contains("&lt;img src=x onerror=alert(1)&gt;").contains(ESCAPED).doesNotContain("<img");
    }

    @Test
    void aProblemPageNamesStatusAndCodeAndEscapesTheMessage() {
        String page = pages.problem(429, "too_many_attempts", HOSTILE);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>Problem</title>")
                .contains("This request cannot be completed").contains("HTTP 429 · <code>too_many_attempts</code>")
                .contains(ESCAPED).doesNotContain("<script>");
        assertThat(pages.problem(503, "database_unavailable", "down")).contains("Could not complete the request");
    }

    @Test
    void theLayoutEscapesTheTitleAndShowsLogOutOnlyToALoggedInAdmin() {
        String csrf = "<input type=\"hidden\" name=\"_csrf\" value=\"abc\">";
        String page = Pages.layout(HOSTILE, "<p>body</p>", csrf);
        assertThat(page).contains("<title>" + ESCAPED + "</title>").contains("<main><p>body</p></main>")
                .contains("<form method=\"post\" action=\"/logout\">" + csrf + "<button type=\"submit\">Log out</button></form>")
                .contains("<style>body{font-family:");
        assertThat(Pages.layout("t", "", null)).doesNotContain("/logout");
    }
}

package io.zohoconnect.simulator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The simulated Zoho consent and error pages. Every dynamic value is HTML-escaped. */
final class ConsentPage {

    /** The DCs offered in the "Your Zoho account's data center" list (ZOHO-API.md §1). */
    static final List<String> KNOWN_DCS = List.of("us", "eu", "in", "au", "cn", "jp", "ca", "sa");

    private ConsentPage() {
    }

    static String render(String dc, String requestId, String clientId, List<String> scopes, String defaultUserDc,
                         String defaultEmail) {
        Set<String> dcs = new LinkedHashSet<>(KNOWN_DCS);
        dcs.add(dc);
        dcs.add(defaultUserDc);
        StringBuilder options = new StringBuilder();
        for (String code : dcs) {
            options.append("<option value=\"").append(escape(code)).append('"')
                    .append(code.equals(defaultUserDc) ? " selected" : "").append('>')
                    .append(escape(code.toUpperCase(Locale.ROOT))).append("</option>");
        }
        StringBuilder scopeItems = new StringBuilder();
        scopes.forEach(s -> scopeItems.append("<li>").append(escape(s)).append("</li>"));
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Zoho Accounts (simulated)</title>"
                + "</head><body><h1>Zoho Accounts <small>(simulator, " + escape(dc.toUpperCase(Locale.ROOT))
                + ")</small></h1>"
                + "<p>The application <strong>" + escape(clientId) + "</strong> would like to access your Zoho CRM data:</p>"
                + "<ul id=\"scopes\">" + scopeItems + "</ul>"
                + "<form method=\"post\" action=\"/" + escape(dc) + "/accounts/oauth/v2/auth/decision\">"
                + "<input type=\"hidden\" name=\"request_id\" value=\"" + escape(requestId) + "\">"
                + "<p><label for=\"email\">Login e-mail</label> "
                + "<input type=\"email\" name=\"email\" id=\"email\" value=\"" + escape(defaultEmail) + "\"></p>"
                + "<p><label for=\"user_dc\">Your Zoho account's data center</label> "
                + "<select name=\"user_dc\" id=\"user_dc\">" + options + "</select></p>"
                + "<p><button type=\"submit\" name=\"action\" value=\"approve\" id=\"approve\">Approve</button> "
                + "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">Deny</button></p>"
                + "</form></body></html>";
    }

    static String error(String title, String message) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p id=\"error\">" + escape(message)
                + "</p></body></html>";
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package io.zohoconnect.crm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.ZohoOrg;
import io.zohoconnect.credentials.OrgReader;
import io.zohoconnect.crm.wire.CrmWire;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Reads which org a grant opens ({@code GET {apiDomain}/crm/{version}/org}, ZOHO-API.md §12) with a
 * token not stored yet, so a consent can be checked before it replaces anything. Any failure (scope
 * missing, Zoho error, unreadable body, an id that is not one) means "unknown": the caller decides what
 * that allows. The org's license (edition, user licenses) is published as a {@link ZohoLicense}.
 */
@Component
public class ZohoOrgReader implements OrgReader {

    private static final Logger log = LoggerFactory.getLogger(ZohoOrgReader.class);

    private final CrmHttp http;
    private final CrmWire wire;
    private final String path;
    private final ApplicationEventPublisher events;

    public ZohoOrgReader(CrmHttp http, CrmWire wire, ZohoApiSettings properties,
            ApplicationEventPublisher events) {
        this.events = events;
        this.http = http;
        this.wire = wire;
        this.path = "/crm/" + properties.apiVersion() + "/org";
    }

    /** The org of {@code accessToken}, or empty when Zoho would not say (logged at WARN, without the token). */
    @Override
    public Optional<ZohoOrg> read(String connectionId, String apiDomain, Secret accessToken) {
        CrmHttp.Answer answer;
        try {
            answer = http.send("GET", apiDomain + path, null, Map.of("Accept", "application/json",
                    ZohoAuthEnricher.AUTHORIZATION, ZohoAuthEnricher.SCHEME + accessToken.value()), null).join();
        } catch (CompletionException | CancellationException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            log.warn("Connection {}: could not read the Zoho org ({})", connectionId, cause.getClass().getSimpleName());
            return Optional.empty();
        }
        int status = answer.status();
        String body = answer.body();
        Optional<ZohoOrg> org = status == 200 ? parse(body) : Optional.empty();
        // the edition and licenses make the org's API-credit allowance: whoever keeps it hears of them
        org.ifPresent(o -> events.publishEvent(new ZohoLicense(connectionId, o.id(), o.edition(), wire.licensedUsers(body))));
        if (org.isEmpty() && status == 200) {
            log.warn("Connection {}: could not read the Zoho org: its answer named no org id of at most {} letters"
                    + " and digits; the org counts as unknown", connectionId, ZohoOrg.MAX_ID_LENGTH);
        } else if (org.isEmpty()) {
            log.warn("Connection {}: could not read the Zoho org: HTTP {} {} (is ZohoCRM.org.READ among the scopes?)",
                    connectionId, status, wire.codeOf(body));
        }
        return org;
    }

    /** {@code {"org":[{"id","company_name","license_details":{"paid_type":"enterprise",…}}]}}. */
    Optional<ZohoOrg> parse(String body) {
        return wire.org(body);
    }
}

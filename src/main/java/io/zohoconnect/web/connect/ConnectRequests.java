package io.zohoconnect.web.connect;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.zohoconnect.ZohoProperties;
import io.zohoconnect.connection.ConnectionIds;
import io.zohoconnect.credentials.AuthorizationRequest;
import io.zohoconnect.datacenter.DataCenter;
import io.zohoconnect.datacenter.DataCenters;
import io.zohoconnect.datacenter.Environment;
import io.zohoconnect.web.ApiException;
import io.zohoconnect.web.Html;

import org.springframework.stereotype.Component;

/** Validates what someone asks to connect, from /connect or /api/connect-links, with one clear error each. */
@Component
public class ConnectRequests {

    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._]{1,100}");
    private static final int MAX_SCOPES = 40;

    private final DataCenters dataCenters;
    private final ReturnToPolicy returnTo;
    private final ZohoProperties properties;

    public ConnectRequests(DataCenters dataCenters, ReturnToPolicy returnTo, ZohoProperties properties) {
        this.dataCenters = dataCenters;
        this.returnTo = returnTo;
        this.properties = properties;
    }

    public AuthorizationRequest validate(String connectionId, String dc, String environment, String scopes,
            String returnToUrl, String allowOrgChange) {
        String id = requireConnectionId(connectionId);
        if (dc == null || dc.isBlank()) {
            throw ApiException.badRequest("invalid_dc", "Parameter 'dc' is required: one of " + knownDcs() + ".");
        }
        DataCenter dataCenter = dataCenters.byCode(dc).orElseThrow(() -> ApiException.badRequest("invalid_dc",
                "Unknown data center '" + Html.printable(dc, 20) + "': use one of " + knownDcs() + "."));
        Environment env = environment == null || environment.isBlank() ? Environment.PRODUCTION
                : Environment.fromCode(environment).orElseThrow(() -> ApiException.badRequest("invalid_environment",
                        "Unknown environment '" + Html.printable(environment, 20)
                                + "': use production, sandbox or developer."));
        if (dataCenter.apiDomain(env) == null) {
            throw ApiException.badRequest("invalid_environment", "Data center " + dataCenter.code() + " has no "
                    + env.code() + " API domain configured (zoho.datacenters." + dataCenter.code() + ".*).");
        }
        List<String> scopeList = scopes == null || scopes.isBlank() ? properties.scopes() : parseScopes(scopes);
        if (returnToUrl != null && !returnToUrl.isBlank() && !returnTo.isAllowed(returnToUrl)) {
            throw ApiException.badRequest("invalid_return_to", "return_to must be a path on this service or a URL"
                    + " whose origin is listed in zoho.return-to.allowed-origins.");
        }
        return new AuthorizationRequest(id, dataCenter, env, scopeList,
                returnToUrl == null || returnToUrl.isBlank() ? null : returnToUrl, flag(allowOrgChange));
    }

    /** {@code allow_org_change}: absent or {@code false} is false, {@code true} is true, anything else is an error. */
    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("invalid_allow_org_change", "allow_org_change must be true or false.");
    }

    public static String requireConnectionId(String connectionId) {
        if (!ConnectionIds.valid(connectionId)) {
            throw ApiException.badRequest("invalid_connection_id",
                    "connection_id must be 1 to 64 characters of letters, digits, '.', '_' or '-'.");
        }
        return connectionId;
    }

    private static List<String> parseScopes(String scopes) {
        List<String> list = Arrays.stream(scopes.split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
        if (list.isEmpty() || list.size() > MAX_SCOPES || !list.stream().allMatch(s -> SCOPE.matcher(s).matches())) {
            throw ApiException.badRequest("invalid_scopes", "scopes must be a comma-separated list of Zoho scopes"
                    + " such as ZohoCRM.modules.ALL,ZohoCRM.settings.ALL.");
        }
        return list;
    }

    private String knownDcs() {
        return String.join(", ", dataCenters.all().stream().map(DataCenter::code).toList());
    }
}

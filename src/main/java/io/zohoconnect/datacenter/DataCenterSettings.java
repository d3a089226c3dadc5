package io.zohoconnect.datacenter;

/**
 * Overrides or additions to the built-in data-center table (see ZOHO-API.md §1).
 *
 * @param accountsUrl        The data center's accounts server, e.g. https://accounts.zoho.eu.
 * @param apiDomain          Its production CRM API domain, e.g. https://www.zohoapis.eu.
 * @param sandboxApiDomain   Its sandbox CRM API domain.
 * @param developerApiDomain Its developer CRM API domain.
 * @param clientSecret       The client secret for this data center, when it is not zoho.client-secret.
 */
public record DataCenterSettings(
        String accountsUrl,
        String apiDomain,
        String sandboxApiDomain,
        String developerApiDomain,
        String clientSecret) {

    @Override
    public String toString() {
        return "DataCenterSettings[" + accountsUrl + "]";
    }
}

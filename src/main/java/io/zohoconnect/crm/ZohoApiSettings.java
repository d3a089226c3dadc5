package io.zohoconnect.crm;

/**
 * How the service talks with Zoho's CRM API and how Zoho reaches it back, as {@code zoho.*} binds them
 * (descriptions there): the API version of every call, the public URL for callbacks (notifications,
 * Bulk Read jobs; {@code null} when Zoho cannot reach the service) and the CRM call settings.
 */
public record ZohoApiSettings(String apiVersion, String publicUrl, CrmSettings crm) {

    /** Whether Zoho can call this service back ({@code zoho.public-url} is set). */
    public boolean hasPublicUrl() {
        return publicUrl != null;
    }
}

package io.zohoconnect.credentials;

import java.util.Optional;

import io.zohoconnect.connection.Secret;
import io.zohoconnect.connection.ZohoOrg;

/**
 * Which org a fresh grant opens, read with a token not stored yet so that a consent can be checked
 * before it replaces anything. The authorization flow needs the answer but not the CRM call that
 * gets it: {@code crm} implements this, so credentials never import the layer above them.
 */
public interface OrgReader {

    /** The org of {@code accessToken}, or empty when Zoho would not say (the caller decides what that allows). */
    Optional<ZohoOrg> read(String connectionId, String apiDomain, Secret accessToken);
}

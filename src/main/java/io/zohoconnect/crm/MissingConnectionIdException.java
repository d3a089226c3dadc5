package io.zohoconnect.crm;

import io.zohoconnect.connection.ZohoHeaders;

/** An exchange reached {@code zohoAuth} or a CRM route without saying which connection to use. */
public class MissingConnectionIdException extends IllegalArgumentException {

    public MissingConnectionIdException() {
        super("header " + ZohoHeaders.CONNECTION_ID + " is missing: set it to the id of a connection"
                + " (e.g. - setHeader: {name: " + ZohoHeaders.CONNECTION_ID + ", constant: acme}) before zohoAuth");
    }
}

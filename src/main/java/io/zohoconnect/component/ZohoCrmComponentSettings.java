package io.zohoconnect.component;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code camel.component.zoho-crm.*}: the component's options, as for Camel's own starters.
 * {@code dead-letter-uri} defaults to {@code zoho.crm.write-dead-letter-uri}.
 *
 * @param connectionId  The connection of every zoho-crm endpoint that names none (and gets no ZohoConnectionId header).
 * @param deadLetterUri Where writes send the records Zoho refused, unless an endpoint names another; default
 *                      zoho.crm.write-dead-letter-uri.
 */
@ConfigurationProperties("camel.component.zoho-crm")
public record ZohoCrmComponentSettings(String connectionId, String deadLetterUri) {
}

package io.zohoconnect.events;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param uri Where connection lifecycle events go: any Camel endpoint URI (log, seda, jms, kafka, an http webhook).
 */
public record EventsSettings(
        @DefaultValue("log:zoho-events") @NotBlank String uri) {
}

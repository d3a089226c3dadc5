package io.zohoconnect.credentials;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param ttl How long a started authorization may take to come back through the callback. */
public record StateSettings(
        @DefaultValue("10m") @NotNull Duration ttl) {
}

package io.zohoconnect.notifications;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.notifications.*}: how {@code mode=notifications} keeps its watch channels and works off
 * the callbacks.
 *
 * @param channelLifetime how far ahead a channel's expiry is asked for (Zoho allows at most a week, and
 *                        quietly gives one hour for more, so the default stays a day short of it)
 * @param renewBefore     a channel expiring within this is renewed (at the consumer's schedule or the sweep)
 * @param sweep           how often a node looks for notified ids no node has delivered yet (a node that died
 *                        after answering Zoho, a callback taken by a node without the route) and for channels due
 * @param batch           notified ids worked off per database round trip
 */
@Validated
@ConfigurationProperties("zoho.notifications")
public record NotificationSettings(
        @DefaultValue("6d") @NotNull Duration channelLifetime,
        @DefaultValue("1d") @NotNull Duration renewBefore,
        @DefaultValue("5s") @NotNull Duration sweep,
        @DefaultValue("100") @Min(1) int batch) {

    @AssertTrue(message = "zoho.notifications.channel-lifetime must be positive and at most 7 days (Zoho's limit), and"
            + " longer than zoho.notifications.renew-before")
    boolean isConsistent() {
        return channelLifetime != null && renewBefore != null && !channelLifetime.isNegative()
                && channelLifetime.compareTo(Duration.ofDays(7)) <= 0 && channelLifetime.compareTo(renewBefore) > 0;
    }
}

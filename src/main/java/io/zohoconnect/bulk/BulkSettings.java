package io.zohoconnect.bulk;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code zoho.bulk.*}: how {@code mode=bulk} follows its Bulk Read jobs.
 *
 * @param pollInitial       the first wait before asking Zoho for a job's state again; doubled up to poll-max.
 *                          A callback (when zoho.public-url is set) ends the wait early
 * @param pollMax           the longest wait between two looks at a job
 * @param maxConcurrentJobs Bulk Read jobs one node keeps running at once per Zoho org (Zoho's sub-limit for bulk,
 *                          COQL and convert is about 10 per org: leave room for the others); further exports wait
 *                          in line. Across several nodes, give each its share
 * @param resultLifetime    how long after its creation a job's result is taken to be downloadable (Zoho keeps it one
 *                          day after completion): a stopped export resumes its job within it, else starts the page anew
 */
@Validated
@ConfigurationProperties("zoho.bulk")
public record BulkSettings(
        @DefaultValue("2s") @NotNull Duration pollInitial,
        @DefaultValue("1m") @NotNull Duration pollMax,
        @DefaultValue("5") @Min(1) int maxConcurrentJobs,
        @DefaultValue("23h") @NotNull Duration resultLifetime) {
}

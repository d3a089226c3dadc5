package io.zohoconnect.simulator;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zoho.simulator.*}: whether the built-in Zoho simulator runs, where, and the defaults of its
 * run-time settings (the values {@code POST /_sim/reset} returns to). Zoho's documented limits are
 * the defaults.
 *
 * @param port                 8089; 0 = a free loopback port, chosen before the context starts
 *                             (see {@link SimulatorEnvironmentPostProcessor})
 * @param bindAddress          loopback only by default: the simulator has no security
 * @param tokenLatency         delay of every token-endpoint request, for benchmarks
 * @param refreshLimit         access tokens per refresh token per rolling 10 minutes (0 = unlimited)
 * @param grantLimit           approvals per client per rolling 10 minutes (0 = unlimited)
 * @param liveTokenLimit       live access tokens per refresh token; the next evicts the oldest
 * @param refreshTokensPerUser refresh tokens per user, DC and client; the next revokes the oldest
 * @param throttleStatus       HTTP status of the throttle ("Access Denied") answer
 * @param userDc               the simulated user's DC; unset = the DC whose accounts URL was used
 * @param crmLatency           delay of every CRM request
 * @param crmConcurrencyLimit  concurrent CRM requests per org before 429 (0 = unlimited, -1 = by edition)
 * @param recordsPerModule     records of a standard module not seeded through {@code /_sim}
 * @param threads              request threads
 */
@ConfigurationProperties("zoho.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("8089") int port,
        @DefaultValue(SimulatorConfig.LOOPBACK) String bindAddress,
        @DefaultValue("false") boolean autoApprove,
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue("2m") Duration codeLifetime,
        @DefaultValue("0ms") Duration tokenLatency,
        @DefaultValue("10") int refreshLimit,
        @DefaultValue("10") int grantLimit,
        @DefaultValue("15") int liveTokenLimit,
        @DefaultValue("20") int refreshTokensPerUser,
        @DefaultValue("200") int throttleStatus,
        String userDc,
        @DefaultValue(SimSettings.DEFAULT_USER_EMAIL) String userEmail,
        @DefaultValue("false") boolean legacyTokenShape,
        @DefaultValue("false") boolean omitApiDomain,
        Map<String, String> apiDomainOverride,
        @DefaultValue("0ms") Duration crmLatency,
        @DefaultValue("0") int crmConcurrencyLimit,
        @DefaultValue("200") int recordsPerModule,
        @DefaultValue("256") int threads) {

    public SimulatorProperties {
        apiDomainOverride = apiDomainOverride == null ? Map.of() : Map.copyOf(apiDomainOverride);
    }

    /** The run-time settings these properties start with; invalid values fail here, at start-up. */
    public SimSettings settings() {
        return new SimSettings(autoApprove, userDc, userEmail, tokenLifetime.toSeconds(), codeLifetime.toSeconds(),
                tokenLatency.toMillis(), legacyTokenShape, omitApiDomain, apiDomainOverride, throttleStatus,
                refreshLimit, grantLimit, liveTokenLimit, refreshTokensPerUser, crmLatency.toMillis(),
                crmConcurrencyLimit, recordsPerModule);
    }

    public SimulatorConfig config(RegisteredApp app) {
        return new SimulatorConfig(bindAddress, port, threads, app, settings());
    }
}

package io.zohoconnect.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The behaviour tests may change at run time through {@code /_sim/settings}. Immutable: a change
 * swaps the whole value, so a request sees one consistent set. JSON names are the component names.
 *
 * @param autoApprove          skip the consent page, as if Approve was pressed
 * @param userDc               DC of the simulated Zoho user; null = the DC of the accounts URL used
 * @param userEmail            login of the simulated Zoho user
 * @param tokenLifetimeSeconds access-token lifetime (Zoho: 3600)
 * @param codeLifetimeSeconds  authorization-code lifetime (Zoho: 2–3 minutes)
 * @param tokenLatencyMillis   delay added to every token-endpoint request (benchmarks)
 * @param legacyTokenShape     answer {@code expires_in_sec} + {@code expires_in} in milliseconds
 * @param omitApiDomain        leave {@code api_domain} out of token responses
 * @param apiDomainOverride    dc → the {@code api_domain} to announce instead of the simulator's
 * @param throttleStatus       HTTP status of the "Access Denied" throttle body (Zoho: 200, some see 400)
 * @param refreshLimit         access tokens per refresh token per rolling 10 minutes; 0 = unlimited
 * @param grantLimit           approvals per client per rolling 10 minutes; 0 = unlimited
 * @param liveTokenLimit       live access tokens per refresh token; the next evicts the oldest
 * @param refreshTokensPerUser refresh tokens per user, DC and client; the next revokes the oldest
 * @param crmLatencyMillis     delay added to every CRM request (to observe concurrency)
 * @param crmConcurrencyLimit  concurrent CRM requests per org before 429; 0 = unlimited; -1 = the org
 *                             edition's limit (Free 5 … Ultimate 25)
 * @param recordsPerModule     records a standard module holds when first used without being seeded
 * @param tokenAnswerOverride  field → JSON value put into every successful token answer (code exchange and
 *                             refresh) after the simulator's own; a null value removes the field. For answers
 *                             out of range: {@code {"expires_in_sec": 9223372036854775807}}
 * @param orgAnswerOverride    field → JSON value put into the org of every {@code GET /crm/{version}/org} answer
 *                             (e.g. a 65-character {@code id}, a {@code company_name} with CR LF); null removes
 */
public record SimSettings(
        boolean autoApprove,
        String userDc,
        String userEmail,
        long tokenLifetimeSeconds,
        long codeLifetimeSeconds,
        long tokenLatencyMillis,
        boolean legacyTokenShape,
        boolean omitApiDomain,
        Map<String, String> apiDomainOverride,
        int throttleStatus,
        int refreshLimit,
        int grantLimit,
        int liveTokenLimit,
        int refreshTokensPerUser,
        long crmLatencyMillis,
        int crmConcurrencyLimit,
        int recordsPerModule,
        Map<String, Object> tokenAnswerOverride,
        Map<String, Object> orgAnswerOverride) {

    static final Pattern DC_CODE = Pattern.compile("[a-z]{2,10}");
    public static final String DEFAULT_USER_EMAIL = "user@example.com";
    public static final int DEFAULT_RECORDS_PER_MODULE = 200;

    public SimSettings {
        if (userDc != null && userDc.isBlank()) {
            userDc = null;
        }
        if (userDc != null && !DC_CODE.matcher(userDc).matches()) {
            throw new IllegalArgumentException("userDc must be a DC code such as eu (2-10 lower-case letters) or null");
        }
        userEmail = userEmail == null || userEmail.isBlank() ? DEFAULT_USER_EMAIL : userEmail.trim();
        apiDomainOverride = apiDomainOverride == null ? Map.of() : Map.copyOf(new TreeMap<>(apiDomainOverride));
        tokenAnswerOverride = answerOverride(tokenAnswerOverride);
        orgAnswerOverride = answerOverride(orgAnswerOverride);
        require(tokenLifetimeSeconds > 0, "tokenLifetimeSeconds must be positive");
        require(codeLifetimeSeconds > 0, "codeLifetimeSeconds must be positive");
        require(tokenLatencyMillis >= 0 && crmLatencyMillis >= 0, "latencies must not be negative");
        require(throttleStatus >= 200 && throttleStatus <= 599, "throttleStatus must be an HTTP status 200..599");
        require(refreshLimit >= 0 && grantLimit >= 0, "refreshLimit and grantLimit must be 0 (unlimited) or more");
        require(crmConcurrencyLimit >= -1,
                "crmConcurrencyLimit must be 0 (unlimited), -1 (the org edition's limit) or more");
        require(recordsPerModule >= 0 && recordsPerModule <= ModuleRecords.MAX_RECORDS,
                "recordsPerModule must be 0.." + ModuleRecords.MAX_RECORDS);
        require(liveTokenLimit >= 1 && refreshTokensPerUser >= 1, "liveTokenLimit and refreshTokensPerUser must be at least 1");
    }

    /** Without answer overrides. */
    public SimSettings(boolean autoApprove, String userDc, String userEmail, long tokenLifetimeSeconds,
                       long codeLifetimeSeconds, long tokenLatencyMillis, boolean legacyTokenShape, boolean omitApiDomain,
                       Map<String, String> apiDomainOverride, int throttleStatus, int refreshLimit, int grantLimit,
                       int liveTokenLimit, int refreshTokensPerUser, long crmLatencyMillis, int crmConcurrencyLimit,
                       int recordsPerModule) {
        this(autoApprove, userDc, userEmail, tokenLifetimeSeconds, codeLifetimeSeconds, tokenLatencyMillis,
                legacyTokenShape, omitApiDomain, apiDomainOverride, throttleStatus, refreshLimit, grantLimit,
                liveTokenLimit, refreshTokensPerUser, crmLatencyMillis, crmConcurrencyLimit, recordsPerModule, Map.of(),
                Map.of());
    }

    /** The settings of phase 1, with {@link #DEFAULT_RECORDS_PER_MODULE} records per module. */
    public SimSettings(boolean autoApprove, String userDc, String userEmail, long tokenLifetimeSeconds,
                       long codeLifetimeSeconds, long tokenLatencyMillis, boolean legacyTokenShape, boolean omitApiDomain,
                       Map<String, String> apiDomainOverride, int throttleStatus, int refreshLimit, int grantLimit,
                       int liveTokenLimit, int refreshTokensPerUser, long crmLatencyMillis, int crmConcurrencyLimit) {
        this(autoApprove, userDc, userEmail, tokenLifetimeSeconds, codeLifetimeSeconds, tokenLatencyMillis,
                legacyTokenShape, omitApiDomain, apiDomainOverride, throttleStatus, refreshLimit, grantLimit,
                liveTokenLimit, refreshTokensPerUser, crmLatencyMillis, crmConcurrencyLimit, DEFAULT_RECORDS_PER_MODULE);
    }

    /** Zoho's documented behaviour (ZOHO-API.md §4–§5). */
    public static SimSettings defaults() {
        return new SimSettings(false, null, DEFAULT_USER_EMAIL, 3600, 120, 0, false, false, Map.of(),
                200, 10, 10, 15, 20, 0, 0, DEFAULT_RECORDS_PER_MODULE);
    }

    /** Field names in order; null values kept (they remove the field); read-only. */
    private static Map<String, Object> answerOverride(Map<String, Object> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        fields.keySet().forEach(name -> require(name != null && !name.isBlank(), "an answer override needs field names"));
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** {@code body} with the override applied: fields replaced or added, a null value removing its field. */
    static void applyOverride(Map<String, Object> body, Map<String, Object> override) {
        override.forEach((name, value) -> {
            if (value == null) {
                body.remove(name);
            } else {
                body.put(name, value);
            }
        });
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package io.zohoconnect.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything one simulator instance knows, shared by its endpoints: the registered app, settings,
 * grants, orgs, faults and counters, plus the clock every expiry and limit is decided by.
 */
final class SimState {

    private final SimulatorConfig config;
    private final Clock clock;
    private final AtomicReference<SimSettings> settings;
    private final Grants grants;
    private final SimOrgs orgs = new SimOrgs();
    private final Faults faults = new Faults();
    private final Counters counters = new Counters();
    private final ReceivedRequests requests = new ReceivedRequests();
    private final PageTokens pageTokens = new PageTokens();
    private final AtomicReference<String> nextGrantOrg = new AtomicReference<>();
    private final WatchNotifier watchNotifier = new WatchNotifier(this);
    private final BulkReadJobs bulkReadJobs = new BulkReadJobs();
    private final ObjectMapper json;
    private volatile OutboundCallbacks callbacks;
    private volatile String baseUrl;

    SimState(SimulatorConfig config, Clock clock, ObjectMapper json) {
        this.config = config;
        this.clock = clock;
        this.json = json;
        this.callbacks = new OutboundCallbacks(json, clock::instant);
        this.settings = new AtomicReference<>(config.defaults());
        this.grants = new Grants(new RandomTokens());
        this.baseUrl = "http://" + config.publicHost() + ":" + config.port();
    }

    void bound(int port) {
        this.baseUrl = "http://" + config.publicHost() + ":" + port;
    }

    Instant now() {
        return clock.instant();
    }

    RegisteredApp app() {
        return config.app();
    }

    SimSettings settings() {
        return settings.get();
    }

    SimSettings updateSettings(UnaryOperator<SimSettings> change) {
        return settings.updateAndGet(change);
    }

    /**
     * {@code /_sim/reset}: counters, received requests, faults, settings, limit windows and API credits back to the start; tokens and
     * CRM data stay ({@code /_sim/data/reset} drops the data).
     */
    void reset() {
        nextGrantOrg.set(null);
        settings.set(config.defaults());
        faults.clear();
        counters.reset();
        requests.clear();
        grants.forgetLimitWindows();
        orgs.resetCredits();
        callbacks.reset();
        bulkReadJobs.resetTimings();
    }

    /** Watch callbacks and Bulk Read callbacks go out through this; a restarted simulator gets a new one. */
    OutboundCallbacks callbacks() {
        return callbacks;
    }

    /** Called when the simulator starts again after a stop: the old callback executor is gone. */
    OutboundCallbacks renewCallbacks() {
        callbacks = new OutboundCallbacks(json, clock::instant);
        return callbacks;
    }

    WatchNotifier watchNotifier() {
        return watchNotifier;
    }

    BulkReadJobs bulkReadJobs() {
        return bulkReadJobs;
    }

    /** {@code /_sim/next-grant-org}: the next approved consent lands in another org of the user's DC (one shot). */
    void nextGrantOrg(String companyName) {
        nextGrantOrg.set(companyName);
    }

    String takeNextGrantOrg() {
        return nextGrantOrg.getAndSet(null);
    }

    Grants grants() {
        return grants;
    }

    SimOrgs orgs() {
        return orgs;
    }

    Faults faults() {
        return faults;
    }

    Counters counters() {
        return counters;
    }

    ReceivedRequests requests() {
        return requests;
    }

    PageTokens pageTokens() {
        return pageTokens;
    }

    String baseUrl() {
        return baseUrl;
    }

    String accountsUrl(String dc) {
        return baseUrl + "/" + dc + "/accounts";
    }

    /** What a token response announces: an override for the DC if set, else the DC's production API. */
    String apiDomain(String dc) {
        String override = settings().apiDomainOverride().get(dc);
        return override != null ? override : baseUrl + "/" + dc + "/" + ApiEnvironment.PRODUCTION.pathSegment();
    }
}

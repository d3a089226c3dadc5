package io.zohoconnect.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What tests assert on: how often each endpoint was called, by whom and with what. Every request is
 * counted when it arrives, faulted or not. Lock-free so counting never serialises the benchmarks.
 */
final class Counters {

    private final LongAdder tokenRequests = new LongAdder();
    private final Map<String, LongAdder> tokenRequestsByGrantType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokenRequestsByClient = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokenRequestsByRefreshToken = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tokenRequestsByDc = new ConcurrentHashMap<>();
    private final LongAdder codeExchanges = new LongAdder();
    private final LongAdder revokeRequests = new LongAdder();
    private final LongAdder authRequests = new LongAdder();
    private final Map<String, LongAdder> requestsByDc = new ConcurrentHashMap<>();
    private final LongAdder crmRequests = new LongAdder();
    private final Map<String, LongAdder> crmRequestsByToken = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxConcurrentCrmRequestsByOrg = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> crmRequestsByPath = new ConcurrentHashMap<>();
    private final LongAdder recordsServed = new LongAdder();
    private final LongAdder pageTokenRequests = new LongAdder();
    private final Map<String, LongAdder> writeRecordsByModule = new ConcurrentHashMap<>();

    void request(String dc) {
        increment(requestsByDc, dc);
    }

    void tokenRequest(String dc, String grantType, String clientId, String refreshToken) {
        tokenRequests.increment();
        increment(tokenRequestsByDc, dc);
        increment(tokenRequestsByGrantType, grantType == null ? "" : grantType);
        increment(tokenRequestsByClient, clientId == null ? "" : clientId);
        if (refreshToken != null && !refreshToken.isEmpty()) {
            increment(tokenRequestsByRefreshToken, refreshToken);
        }
        if ("authorization_code".equals(grantType)) {
            codeExchanges.increment();
        }
    }

    void revokeRequest() {
        revokeRequests.increment();
    }

    void authRequest() {
        authRequests.increment();
    }

    void crmRequest(String accessToken) {
        crmRequests.increment();
        if (accessToken != null && !accessToken.isEmpty()) {
            increment(crmRequestsByToken, accessToken);
        }
    }

    /** e.g. "GET /eu/api/crm/v8/Leads": the method and the path without its query. */
    void crmRequestPath(String methodAndPath) {
        increment(crmRequestsByPath, methodAndPath);
    }

    void recordsServed(int records) {
        recordsServed.add(records);
    }

    void pageTokenRequest() {
        pageTokenRequests.increment();
    }

    /** Records (or ids) a write call carried, failed ones included, by module API name. */
    void writeRecords(String module, int records) {
        writeRecordsByModule.computeIfAbsent(module, k -> new LongAdder()).add(records);
    }

    void crmConcurrency(String org, int inFlight) {
        maxConcurrentCrmRequestsByOrg.computeIfAbsent(org, k -> new AtomicInteger()).accumulateAndGet(inFlight, Math::max);
    }

    void reset() {
        tokenRequests.reset();
        codeExchanges.reset();
        revokeRequests.reset();
        authRequests.reset();
        crmRequests.reset();
        tokenRequestsByGrantType.clear();
        tokenRequestsByClient.clear();
        tokenRequestsByRefreshToken.clear();
        tokenRequestsByDc.clear();
        requestsByDc.clear();
        crmRequestsByToken.clear();
        maxConcurrentCrmRequestsByOrg.clear();
        crmRequestsByPath.clear();
        recordsServed.reset();
        pageTokenRequests.reset();
        writeRecordsByModule.clear();
    }

    /** The JSON of {@code GET /_sim/counters}; the names are a contract with the test support client. */
    Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tokenRequests", tokenRequests.sum());
        out.put("tokenRequestsByGrantType", sums(tokenRequestsByGrantType));
        out.put("tokenRequestsByClient", sums(tokenRequestsByClient));
        out.put("tokenRequestsByRefreshToken", sums(tokenRequestsByRefreshToken));
        out.put("tokenRequestsByDc", sums(tokenRequestsByDc));
        out.put("codeExchanges", codeExchanges.sum());
        out.put("revokeRequests", revokeRequests.sum());
        out.put("authRequests", authRequests.sum());
        out.put("requestsByDc", sums(requestsByDc));
        out.put("crmRequests", crmRequests.sum());
        out.put("crmRequestsByToken", sums(crmRequestsByToken));
        Map<String, Integer> concurrency = new TreeMap<>();
        maxConcurrentCrmRequestsByOrg.forEach((org, max) -> concurrency.put(org, max.get()));
        out.put("maxConcurrentCrmRequestsByOrg", concurrency);
        out.put("crmRequestsByPath", sums(crmRequestsByPath));
        out.put("recordsServed", recordsServed.sum());
        out.put("pageTokenRequests", pageTokenRequests.sum());
        out.put("writeRecordsByModule", sums(writeRecordsByModule));
        return out;
    }

    private static void increment(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((key, adder) -> out.put(key, adder.sum()));
        return out;
    }
}

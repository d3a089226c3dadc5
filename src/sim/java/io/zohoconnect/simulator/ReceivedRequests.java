package io.zohoconnect.simulator;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last requests Zoho's endpoints received, as a server would see them on the wire: method, path,
 * raw query string and every {@code Cookie} header. Tests read them over {@code GET /_sim/requests} to
 * check what a client sends beyond its parameters (cookies it should not keep, options that leaked
 * into the query). Bodies are not kept: they carry codes and client secrets.
 */
final class ReceivedRequests {

    /** Enough for any one test; the oldest go first. */
    static final int CAPACITY = 2_000;

    private final Deque<Received> requests = new ArrayDeque<>();

    synchronized void record(String dc, SimExchange exchange) {
        if (requests.size() == CAPACITY) {
            requests.removeFirst();
        }
        requests.addLast(new Received(dc, exchange.method(), exchange.path(), exchange.rawQuery(),
                exchange.headers("Cookie")));
    }

    synchronized List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>(requests.size());
        requests.forEach(r -> out.add(r.toJson()));
        return out;
    }

    synchronized void clear() {
        requests.clear();
    }

    private record Received(String dc, String method, String path, String query, List<String> cookies) {

        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dc", dc);
            out.put("method", method);
            out.put("path", path);
            out.put("query", query);
            out.put("cookies", cookies);
            return out;
        }
    }
}

package io.zohoconnect.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Armed faults and how a faulted request is answered. A faulted request is answered here and goes no
 * further: it consumes no code and issues no token. Faults fire in the order they were armed.
 */
final class Faults {

    static final String THROTTLE_BODY = "{\"error\":\"Access Denied\",\"error_description\":\"You have made too many"
            + " requests continuously. Please try again after some time.\",\"status\":\"failure\"}";

    private static final RandomTokens COOKIE_VALUES = new RandomTokens();

    private final List<Armed> armed = new CopyOnWriteArrayList<>();

    void arm(Fault fault) {
        armed.add(new Armed(fault, new AtomicInteger(fault.count()), new AtomicInteger(fault.skip())));
    }

    void clear() {
        armed.clear();
    }

    List<Map<String, Object>> describe() {
        return armed.stream().filter(Armed::live).map(a -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("target", a.fault.target().wireName());
            out.put("type", a.fault.type().wireName());
            out.put("remaining", a.remaining.get());
            out.put("dc", a.fault.dc());
            out.put("path", a.fault.path());
            out.put("method", a.fault.method());
            if (a.fault.type() == Fault.Type.LATENCY) {
                out.put("delayMillis", a.fault.delayMillis());
            }
            return out;
        }).toList();
    }

    /**
     * Takes one shot of the first armed fault that matches; concurrent requests never share a shot. Every
     * matching pass-through fault on the way ({@code latency}, {@code set_cookie}) takes its shot too and then
     * acts on {@code exchange} — after all shots are taken, so a request held by one cannot let a later request
     * take shots meant for it.
     */
    Optional<Fault> take(Fault.Target target, String dc, String method, String path, SimExchange exchange) {
        List<Fault> passThrough = new ArrayList<>();
        Optional<Fault> answer = Optional.empty();
        for (Armed a : armed) {
            if (!a.fault.matches(target, dc, method, path)) {
                continue;
            }
            if (a.fault.type().passesThrough()) {
                if (exchange != null && a.tryFire()) {
                    passThrough.add(a.fault);
                }
            } else if (a.tryFire()) {
                answer = Optional.of(a.fault);
                break;
            }
        }
        armed.removeIf(a -> !a.live());
        passThrough.forEach(fault -> passThrough(fault, exchange));
        return answer;
    }

    /** As {@link #take(Fault.Target, String, String, String, SimExchange)} for a request without an exchange. */
    Optional<Fault> take(Fault.Target target, String dc, String method, String path) {
        return take(target, dc, method, path, null);
    }

    /**
     * Answers the request with the fault, if one is armed for it.
     *
     * @return true when the request has been answered and must not be handled further
     */
    boolean intercept(Fault.Target target, String dc, SimExchange exchange, SimSettings settings) throws IOException {
        Optional<Fault> fault = take(target, dc, exchange.method(), exchange.path(), exchange);
        if (fault.isEmpty()) {
            return false;
        }
        answer(fault.get(), exchange, settings);
        return true;
    }

    /** A fault that changes how the request is answered, not whether: it is answered as usual afterwards. */
    private static void passThrough(Fault fault, SimExchange exchange) {
        switch (fault.type()) {
            case LATENCY -> hold(fault.delayMillis());
            case SET_COOKIE -> exchange.addHeader("Set-Cookie", fault.cookie() != null ? fault.cookie()
                    : "zsim_session=" + COOKIE_VALUES.id() + "; Path=/");
            default -> throw new IllegalStateException(fault.type() + " answers the request");
        }
    }

    private static void answer(Fault fault, SimExchange exchange, SimSettings settings) throws IOException {
        boolean crm = fault.target() == Fault.Target.CRM;
        switch (fault.type()) {
            case HTTP_500 -> {
                if (crm) {
                    exchange.json(500, SimCrmApi.error("INTERNAL_ERROR", "Internal Server Error"));
                } else {
                    exchange.html(500, errorPage("500 Internal Server Error"));
                }
            }
            case HTTP_503 -> exchange.html(503, errorPage("503 Service Temporarily Unavailable"));
            case HTTP_429 -> {
                if (fault.retryAfterSeconds() != null) {
                    exchange.header("Retry-After", String.valueOf(fault.retryAfterSeconds()));
                }
                exchange.json(429, SimCrmApi.error("TOO_MANY_REQUESTS",
                        "The API calls made by the org has exceeded the limit"));
            }
            case TIMEOUT -> {
                hold(fault.delayMillis() > 0 ? fault.delayMillis() : Fault.DEFAULT_TIMEOUT_MILLIS);
                exchange.empty(504);
            }
            case HTML -> exchange.html(502, errorPage("502 Bad Gateway"));
            case HTML_200 -> exchange.html(200, errorPage("Zoho Accounts is under maintenance"));
            case TRUNCATED_JSON -> exchange.jsonText(200, !crm ? "{\"access_token\":\"1000.3f2a9c"
                    : exchange.path().endsWith("/users") ? "{\"users\":[{\"id\":\"4150868000000"
                    : exchange.path().endsWith("/org") ? "{\"org\":[{\"id\":\"4150868000000"
                    : "{\"data\":[{\"id\":\"4150868000000224001\",\"Last_Na");
            case EMPTY -> exchange.empty(200);
            case THROTTLE -> exchange.jsonText(settings.throttleStatus(), THROTTLE_BODY);
            case INVALID_CODE -> exchange.jsonText(fault.target() == Fault.Target.REVOKE ? 400 : 200,
                    fault.target() == Fault.Target.REVOKE ? "{\"status\":\"failure\",\"error\":\"invalid_token\"}"
                            : "{\"error\":\"invalid_code\"}");
            case INVALID_CLIENT -> exchange.jsonText(200, "{\"error\":\"invalid_client\"}");
            case INVALID_TOKEN -> exchange.json(401, SimCrmApi.error("INVALID_TOKEN", "invalid oauth token"));
            case AUTH_FAILURE -> exchange.json(401, SimCrmApi.error("AUTHENTICATION_FAILURE", "Authentication failed"));
            case RESET -> exchange.abort();
            case LATENCY, SET_COOKIE -> throw new IllegalStateException(fault.type() + " lets the request through");
        }
    }

    /** The deliberate hang of a timeout fault; an interrupt (simulator stopping) ends it early. */
    private static void hold(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String errorPage(String title) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title
                + "</h1><p>Simulated failure.</p></body></html>";
    }

    private record Armed(Fault fault, AtomicInteger remaining, AtomicInteger toSkip) {

        boolean live() {
            return remaining.get() != 0;
        }

        boolean tryFire() {
            if (toSkip.get() > 0 && toSkip.getAndDecrement() > 0) {
                return false; // one of the requests let through first
            }
            while (true) {
                int left = remaining.get();
                if (left == -1) {
                    return true;
                }
                if (left == 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }
    }
}

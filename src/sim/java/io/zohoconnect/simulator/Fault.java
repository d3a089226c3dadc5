package io.zohoconnect.simulator;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One armed fault, as posted to {@code /_sim/faults}: which endpoint, what goes wrong, how often.
 *
 * @param count             requests to fault; -1 = until cleared
 * @param dc                only requests to this DC; null = any
 * @param delayMillis       how long a {@code timeout} or {@code latency} holds the request
 * @param retryAfterSeconds {@code Retry-After} of an {@code http_429}; null = no header
 * @param path              only requests whose path contains this (e.g. {@code /Leads}); null = any
 * @param method            only requests with this HTTP method; null = any
 * @param skip              matching requests let through before the fault fires (e.g. 2: the third page read
 *                          fails, however far ahead the client reads)
 * @param cookie            what a {@code set_cookie} fault sends as {@code Set-Cookie}; null = a fresh
 *                          {@code zsim_session=<random>; Path=/}
 */
record Fault(Target target, Type type, int count, String dc, long delayMillis, Integer retryAfterSeconds,
             String path, String method, int skip, String cookie) {

    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    public Fault {
        if (target == null || type == null) {
            throw new IllegalArgumentException("a fault needs a target (token, revoke, auth, crm) and a type");
        }
        if (!target.allows(type)) {
            throw new IllegalArgumentException("fault type " + type.wireName() + " does not apply to target "
                    + target.wireName() + "; allowed: " + target.allowedNames());
        }
        if (count == 0 || count < -1) {
            throw new IllegalArgumentException("count must be positive, or -1 for until cleared");
        }
        if (dc != null && !SimSettings.DC_CODE.matcher(dc).matches()) {
            throw new IllegalArgumentException("dc must be a DC code such as eu");
        }
        if (delayMillis < 0 || (retryAfterSeconds != null && retryAfterSeconds < 0) || skip < 0) {
            throw new IllegalArgumentException("delayMillis, retryAfterSeconds and skip must not be negative");
        }
        path = path == null || path.isEmpty() ? null : path;
        method = method == null || method.isBlank() ? null : method.trim().toUpperCase(Locale.ROOT);
        if (method != null && !method.matches("[A-Z]{3,7}")) {
            throw new IllegalArgumentException("method must be an HTTP method such as GET");
        }
        if (type == Type.LATENCY && delayMillis <= 0) {
            throw new IllegalArgumentException("a latency fault needs a positive delayMillis");
        }
        cookie = cookie == null || cookie.isBlank() ? null : cookie.trim();
        if (cookie != null && (type != Type.SET_COOKIE || !cookie.matches("[A-Za-z0-9_.-]+=[ -~]*"))) {
            throw new IllegalArgumentException("cookie is a Set-Cookie value (name=value; attributes, printable ASCII)"
                    + " and only for type set_cookie");
        }
    }

    /** Without the request filters of phase 1. */
    Fault(Target target, Type type, int count, String dc, long delayMillis, Integer retryAfterSeconds) {
        this(target, type, count, dc, delayMillis, retryAfterSeconds, null, null, 0, null);
    }

    /** Without a cookie (every type but {@code set_cookie}). */
    Fault(Target target, Type type, int count, String dc, long delayMillis, Integer retryAfterSeconds,
          String path, String method, int skip) {
        this(target, type, count, dc, delayMillis, retryAfterSeconds, path, method, skip, null);
    }

    boolean matches(Target requestTarget, String requestDc, String requestMethod, String requestPath) {
        return target == requestTarget && (dc == null || dc.equals(requestDc))
                && (method == null || method.equals(requestMethod))
                && (path == null || (requestPath != null && requestPath.contains(path)));
    }

    /** The endpoints a fault can hit. */
    enum Target {
        TOKEN(Type.HTTP_500, Type.HTTP_503, Type.TIMEOUT, Type.HTML, Type.HTML_200, Type.TRUNCATED_JSON, Type.EMPTY,
                Type.THROTTLE, Type.INVALID_CODE, Type.INVALID_CLIENT, Type.RESET, Type.LATENCY, Type.SET_COOKIE),
        REVOKE(Type.HTTP_500, Type.HTTP_503, Type.TIMEOUT, Type.HTML, Type.HTML_200, Type.TRUNCATED_JSON, Type.EMPTY,
                Type.THROTTLE, Type.INVALID_CODE, Type.INVALID_CLIENT, Type.RESET, Type.LATENCY, Type.SET_COOKIE),
        AUTH(Type.HTTP_500, Type.HTTP_503, Type.TIMEOUT, Type.HTML, Type.RESET, Type.LATENCY, Type.SET_COOKIE),
        CRM(Type.INVALID_TOKEN, Type.AUTH_FAILURE, Type.HTTP_429, Type.HTTP_500, Type.HTTP_503, Type.TIMEOUT,
                Type.RESET, Type.TRUNCATED_JSON, Type.HTML, Type.EMPTY, Type.LATENCY, Type.SET_COOKIE);

        private final Set<Type> allowed;

        Target(Type first, Type... rest) {
            this.allowed = EnumSet.of(first, rest);
        }

        boolean allows(Type type) {
            return allowed.contains(type);
        }

        String allowedNames() {
            return String.join(", ", allowed.stream().map(Type::wireName).toList());
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Target parse(String name) {
            return Fault.parse(Target.class, name, "target");
        }
    }

    /**
     * What goes wrong. {@code LATENCY} (hold the request {@code delayMillis}) and {@code SET_COOKIE} (add a
     * {@code Set-Cookie} to the answer) let the request through to be answered as usual.
     */
    enum Type {
        HTTP_500, HTTP_503, HTTP_429, TIMEOUT, HTML, HTML_200, TRUNCATED_JSON, EMPTY, THROTTLE, INVALID_CODE,
        INVALID_CLIENT, INVALID_TOKEN, AUTH_FAILURE, RESET, LATENCY, SET_COOKIE;

        /** True for the types that change how a request is answered, not whether it is. */
        boolean passesThrough() {
            return this == LATENCY || this == SET_COOKIE;
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type parse(String name) {
            return Fault.parse(Type.class, name, "type");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault " + what + ": " + name);
        }
    }
}

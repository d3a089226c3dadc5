package io.zohoconnect.audit;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Who did something: an admin user, the admin API key, a scoped API key, a connect link, a timer or the node on its
 * own. The web layer and the timers say who is acting for the code they call ({@link #as}); a
 * lifecycle event recorded meanwhile on that thread is attributed to them. Outside any such scope
 * the node itself is the actor (a route asked for a token, a revoke was retried…).
 */
public record Actor(String kind, String name) {

    public static final String ADMIN = "admin";
    public static final String API_KEY = "api-key";
    /** A scoped API key, by its name (issue 21). */
    public static final String KEY = "key";
    public static final String CONNECT_LINK = "connect-link";
    public static final String TIMER = "timer";
    public static final String NODE = "node";

    private static final ThreadLocal<Actor> CURRENT = new ThreadLocal<>();

    public Actor {
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor admin(String user) {
        return new Actor(ADMIN, user);
    }

    public static Actor apiKey() {
        return new Actor(API_KEY, "admin API key");
    }

    public static Actor key(String name) {
        return new Actor(KEY, name);
    }

    public static Actor connectLink(String connectionId) {
        return new Actor(CONNECT_LINK, "link for " + connectionId);
    }

    public static Actor timer(String name) {
        return new Actor(TIMER, name);
    }

    /** The actor of the current thread's scope, or empty (the caller then names the node). */
    static Actor current() {
        return CURRENT.get();
    }

    /** Runs {@code work} with this actor as the current one, restoring the previous one afterwards. */
    public <T> T as(Supplier<T> work) {
        Actor previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public void as(Runnable work) {
        as(() -> {
            work.run();
            return null;
        });
    }

    /** {@code work} bound to this actor, for handing to an executor (thread locals do not travel). */
    public <T> Callable<T> bind(Callable<T> work) {
        return () -> {
            Actor previous = CURRENT.get();
            CURRENT.set(this);
            try {
                return work.call();
            } finally {
                restore(previous);
            }
        };
    }

    private static void restore(Actor previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}

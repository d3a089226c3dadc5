package io.zohoconnect.connection;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Whether this node reaches its database, as its last attempts found it: every request for a pooled
 * connection reports here ({@link ObservedDataSource}), and so do the callers that met a connection
 * broken under them. It says once at WARN that the database went away (with the cause) and once at
 * INFO that it is back — instead of a stack trace per caller.
 *
 * <p>What depends on it: health answers DOWN at once while an outage was seen in the last
 * {@link #RECHECK} (one probe waits for the pool's connection timeout at most once, not once per
 * indicator); {@code zohoAuth} and the access-token API keep serving the valid tokens the node holds
 * in memory without waiting for the pool; gauges report unknown instead of blocking a scrape.
 * {@link #isOutage} is the one rule for "this failure means the database is unreachable".
 */
public final class DatabaseReachability {

    /** After a failed attempt, callers that can do without the database skip it this long, rather than each wait for the pool. */
    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DatabaseReachability.class);

    private final String database;
    private final Clock clock;
    /** The outage going on, or null while the last attempt reached the database. */
    private volatile Outage outage;
    private volatile long lastFailureNanos;

    /** @param database the JDBC URL (or a name) for the log lines; {@link #printable} keeps secrets out of them */
    public DatabaseReachability(String database, Clock clock) {
        this.database = printable(database);
        this.clock = clock;
    }

    /** The database as logs and errors name it: its JDBC URL without credentials or options. */
    public String database() {
        return database;
    }

    /** A request for a connection was answered: the database is reachable (again). */
    void reached() {
        Outage ended = outage;
        if (ended != null) {
            outage = null;
            log.info("The database {} is reachable again, after {} s", database,
                    Math.max(0, Duration.between(ended.since(), clock.instant()).toSeconds()));
        }
    }

    /**
     * A caller met {@code failure}: it counts as the database being unreachable when no connection could be
     * had at all. A statement that failed on a connection the network broke does not: the pool drops that
     * connection, and the next one may well work (right after an outage, a stale one is normal).
     */
    public void failed(Throwable failure) {
        if (cannotConnect(failure)) {
            unreachable(failure);
        }
    }

    /** A request for a connection failed. */
    void unreachable(Throwable failure) {
        lastFailureNanos = System.nanoTime();
        String cause = describe(failure);
        Outage going = outage;
        if (going == null) {
            outage = new Outage(clock.instant(), cause);
            log.warn("The database {} is unreachable. Health is DOWN; valid tokens held in memory are still served; work"
                    + " that needs the database fails and is tried again once it answers. Cause: {}", database, cause);
        } else if (!going.cause().equals(cause)) {
            outage = new Outage(going.since(), cause);
        }
    }

    /** The outage going on: the last attempt to reach the database failed (however long ago). */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** The outage going on, if an attempt failed within {@link #RECHECK}: no use trying again yet. */
    public Optional<Outage> recentOutage() {
        Outage current = outage;
        return current != null && System.nanoTime() - lastFailureNanos < RECHECK.toNanos() ? Optional.of(current)
                : Optional.empty();
    }

    /**
     * A health check that reads the database: DOWN naming the outage at once when one was just seen, DOWN
     * when its reading meets one (never an exception, never a wait past the pool's connection timeout).
     */
    public Health check(Supplier<Health> reading) {
        Optional<Outage> known = recentOutage();
        if (known.isPresent()) {
            return known.get().health();
        }
        try {
            return reading.get();
        } catch (RuntimeException e) {
            if (!isOutage(e)) {
                return Health.down().withDetail("error", describe(e)).build();
            }
            failed(e);
            return outage().map(Outage::health)
                    .orElseGet(() -> Health.down().withDetail("reason", "database unreachable: " + describe(e)).build());
        }
    }

    /**
     * Runs a timer's work that needs the database. While it is unreachable the work ends quietly — the
     * outage is said once, here, not with a stack trace per tick — and the next tick tries again.
     *
     * @return false when the work met an outage
     */
    public boolean attempt(Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            if (!isOutage(e)) {
                throw e;
            }
            failed(e);
            return false;
        }
    }

    /**
     * Whether a failure means the database cannot be reached or used: no connection within the pool's
     * timeout, a connection refused or broken (SQL state class 08), a resource failure. Looks through the
     * causes, since Spring and Camel wrap it.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failure says no connection could be had: the pool's timeout, a refused or failed connection attempt. */
    static boolean cannotConnect(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ("08001".equals(sql.getSQLState()) || "08004".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure in one line for logs and errors: the innermost SQL error (the driver's own words, e.g.
     * "Connection to db:5432 refused") and what caused it, without the statement or a stack trace.
     */
    public static String describe(Throwable failure) {
        SQLException innermost = null;
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                innermost = sql;
            }
            root = t;
        }
        String text;
        if (innermost == null) {
            text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        } else {
            text = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
            if (root != innermost) {
                text += " (" + root + ")";
            }
        }
        return text.replaceAll("\\p{Cntrl}+", " ").trim();
    }

    /** A JDBC URL without what may carry a secret: user info, query parameters, H2 options. */
    public static String printable(String url) {
        if (url == null) {
            return "(no URL)";
        }
        String shown = url.replaceAll("[?;].*$", "");
        return shown.replaceAll("//[^/@]*@", "//");
    }

    /** An outage: since when this node has not reached the database, and the last cause. */
    public record Outage(Instant since, String cause) {

        /** For a health indicator, an error, a log line. */
        public String reason() {
            return "database unreachable since " + since + ": " + cause;
        }

        Health health() {
            return Health.down().withDetail("reason", reason()).build();
        }
    }
}

package io.zohoconnect.connection;

import java.sql.Connection;
import java.sql.Driver;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Start-up without a reachable database stops at once, with one line: before anything else starts (no
 * web server, no pool, no Flyway), the configured database must answer one connection within
 * {@code spring.datasource.hikari.connection-timeout} (3 s). Otherwise a single ERROR line names the
 * database (its URL without credentials or options, and the user) and the driver's reason, and the
 * process exits with code 1 for its supervisor (systemd, Kubernetes) to start it again later — rather
 * than tens of seconds of retries ending in a hundred lines of nested stack traces. The embedded H2
 * database is a file next to the service: it is not checked.
 *
 * <p>Registered in {@code META-INF/spring.factories}: it runs when the environment is ready, after the
 * logging system, before the application context exists.
 */
public final class DatabaseStartupCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(DatabaseStartupCheck.class);

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read and logging is set up
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String url;
        try {
            url = environment.getProperty("spring.datasource.url");
        } catch (IllegalArgumentException unresolved) {
            return; // e.g. profile postgres without DATABASE_URL: the data source configuration says so itself
        }
        if (url == null || embedded(url)) {
            return;
        }
        String user = environment.getProperty("spring.datasource.username");
        Duration timeout = environment.getProperty("spring.datasource.hikari.connection-timeout", Duration.class,
                DEFAULT_TIMEOUT);
        String failure = reach(url, user, environment.getProperty("spring.datasource.password"),
                environment.getProperty("spring.datasource.driver-class-name"), timeout);
        if (failure != null) {
            String database = DatabaseReachability.printable(url) + (user == null || user.isBlank() ? "" : " as " + user);
            log.error("Not starting: the database {} cannot be reached. Start it (or fix DATABASE_URL /"
                    + " spring.datasource.url); this process exits with code 1 for its supervisor to start it again."
                    + " Cause: {}", database, failure);
            throw new DatabaseUnreachable(database + ": " + failure);
        }
    }

    /** Whether a JDBC URL names the embedded H2 database (a file or memory of this process). */
    static boolean embedded(String url) {
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }

    /** @return null when one connection was opened within {@code timeout}, else why not (one line) */
    static String reach(String url, String user, String password, String driverClass, Duration timeout) {
        Driver driver;
        try {
            String name = driverClass != null && !driverClass.isBlank() ? driverClass
                    : DatabaseDriver.fromJdbcUrl(url).getDriverClassName();
            if (name == null) {
                return null; // a driver Spring Boot does not know: left to the pool, as before
            }
            driver = (Driver) ClassUtils.forName(name, DatabaseStartupCheck.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // no such driver on the class path: the pool says so, as before
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        long seconds = Math.max(1, timeout.toSeconds());
        if (url.startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", Long.toString(seconds));
            properties.setProperty("loginTimeout", Long.toString(seconds));
        }
        // a plain thread, not Camel's ExecutorServiceManager: this runs before the application context (and
        // so the Camel context) exists
        ExecutorService attempt = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zoho-database-check");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> connected = attempt.submit(() -> {
                try (Connection connection = driver.connect(url, properties)) {
                    if (connection == null) {
                        throw new IllegalStateException("the driver " + driver.getClass().getName() + " does not take this URL");
                    }
                }
                return null;
            });
            connected.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            return DatabaseReachability.describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while connecting";
        } finally {
            attempt.shutdownNow();
        }
    }

    /** Start-up stopped: the database did not answer. Said in one line already; exit code 1. */
    static final class DatabaseUnreachable extends IllegalStateException implements ExitCodeGenerator {

        DatabaseUnreachable(String message) {
            super("the database " + message, null);
        }

        @Override
        public int getExitCode() {
            return 1;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // said in one line; nobody needs where it was thrown
        }
    }

    /** Keeps Spring Boot from reporting the failure again, with its stack trace: the check said it in one line. */
    public static final class Reporter implements SpringBootExceptionReporter {

        @Override
        public boolean reportException(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof DatabaseUnreachable) {
                    return true;
                }
            }
            return false;
        }
    }
}

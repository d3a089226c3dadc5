package io.zohoconnect.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zohoconnect.connection.NodeIdentity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored audit trail: records entries and pages through them newest first. Recording never
 * fails the action it reports (a database hiccup is logged and the entry dropped), and a detail is
 * scrubbed of anything shaped like a Zoho token or an Authorization value before it is stored.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    static final String INSERT = "INSERT INTO zoho_audit_event (occurred_at, type, connection_id, actor_kind, actor_name,"
            + " outcome, detail) VALUES (:at, :type, :connectionId, :actorKind, :actorName, :outcome, :detail)";
    static final String COLUMNS = "id, occurred_at, type, connection_id, actor_kind, actor_name, outcome, detail";
    static final String LAST_STARTER = "SELECT " + COLUMNS + " FROM zoho_audit_event WHERE connection_id = :connectionId"
            + " AND type = '" + AuditTypes.CONNECT_STARTED + "' AND occurred_at >= :since ORDER BY id DESC LIMIT 1";
    static final String REFRESH_HISTORY = "SELECT " + COLUMNS + " FROM zoho_audit_event WHERE connection_id = :connectionId"
            + " AND type IN ('connection.refreshed', 'connection.refresh_failed', 'connection.needs_reauth',"
            + " 'connection.client_misconfigured') AND occurred_at >= :since ORDER BY id DESC LIMIT 5000";
    static final String PRUNE = "DELETE FROM zoho_audit_event WHERE occurred_at < :cutoff";

    /** Zoho tokens and codes ({@code 1000.<hex>.<hex>}) and credentials after an auth scheme. */
    private static final Pattern SECRETS = Pattern.compile(
            "\\b\\d{4}\\.[0-9A-Za-z]{8,}(?:\\.[0-9A-Za-z]+)*"
                    + "|(?i)(?<=bearer |zoho-oauthtoken |token=|refresh_token=|access_token=|code=)[^\\s&\"',;]+");
    static final int MAX_DETAIL = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NodeIdentity node;

    public AuditTrail(JdbcClient jdbc, Clock clock, NodeIdentity node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node;
    }

    /** Records an entry for the current actor (or this node, when nobody in particular is acting). */
    public void record(String type, String connectionId, String outcome, String detail) {
        Actor actor = Actor.current();
        record(type, connectionId, actor == null ? new Actor(Actor.NODE, node.id()) : actor, outcome, detail);
    }

    public void record(String type, String connectionId, Actor actor, String outcome, String detail) {
        try {
            jdbc.sql(INSERT)
                    .param("at", at(clock.instant()))
                    .param("type", type)
                    .param("connectionId", connectionId)
                    .param("actorKind", actor.kind())
                    .param("actorName", cut(actor.name(), 200))
                    .param("outcome", cut(outcome, 32))
                    .param("detail", scrub(detail))
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not record audit entry {} for connection {}: {}", type, connectionId, e.getMessage());
        }
    }

    /** A page of entries, newest first, and the cursor of the next page (null on the last one). */
    public AuditPage list(AuditQuery query) {
        List<AuditEntry> rows = page(query.plusOne());
        if (rows.size() <= query.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> page = rows.subList(0, query.limit());
        return new AuditPage(List.copyOf(page), String.valueOf(page.get(page.size() - 1).id()));
    }

    /** Entries newest first, matching every filter given (null = any). */
    public List<AuditEntry> page(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM zoho_audit_event WHERE 1 = 1");
        var spec = new ArrayList<Object[]>();
        if (query.connectionId() != null) {
            sql.append(" AND connection_id = :connectionId");
            spec.add(new Object[] {"connectionId", query.connectionId()});
        }
        if (query.type() != null) {
            sql.append(" AND type = :type");
            spec.add(new Object[] {"type", query.type()});
        }
        if (query.outcome() != null) {
            sql.append(" AND outcome = :outcome");
            spec.add(new Object[] {"outcome", query.outcome()});
        }
        if (query.actorKind() != null) {
            sql.append(" AND actor_kind = :actorKind");
            spec.add(new Object[] {"actorKind", query.actorKind()});
        }
        if (query.before() != null) {
            sql.append(" AND id < :before");
            spec.add(new Object[] {"before", query.before()});
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", query.limit());
        for (Object[] p : spec) {
            statement = statement.param((String) p[0], p[1]);
        }
        return statement.query((rs, n) -> map(rs)).list();
    }

    /** The latest connect start for a connection since an instant: who a consent that arrives now was started by. */
    public Optional<Actor> starterOf(String connectionId, Instant since) {
        return jdbc.sql(LAST_STARTER).param("connectionId", connectionId).param("since", at(since))
                .query((rs, n) -> map(rs).actor()).optional();
    }

    /** A connection's refreshes and refresh failures since an instant (for its history chart). */
    public List<AuditEntry> refreshHistory(String connectionId, Instant since) {
        return jdbc.sql(REFRESH_HISTORY).param("connectionId", connectionId).param("since", at(since))
                .query((rs, n) -> map(rs)).list();
    }

    /** Deletes entries older than the cutoff; returns how many. */
    int deleteBefore(Instant cutoff) {
        return jdbc.sql(PRUNE).param("cutoff", at(cutoff)).update();
    }

    /** {@code detail} with anything that looks like a token or key redacted, cut to the stored length. */
    public static String scrub(String detail) {
        if (detail == null) {
            return null;
        }
        return cut(SECRETS.matcher(detail).replaceAll("[redacted]"), MAX_DETAIL);
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new AuditEntry(rs.getLong("id"), at == null ? null : at.toInstant(), rs.getString("type"),
                rs.getString("connection_id"), new Actor(rs.getString("actor_kind"), rs.getString("actor_name")),
                rs.getString("outcome"), rs.getString("detail"));
    }
}

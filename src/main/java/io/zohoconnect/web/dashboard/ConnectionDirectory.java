package io.zohoconnect.web.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connections list of the dashboard: one page at a time by id, filtered by status and data
 * center, searched by a part of the id — so it stays quick with thousands of connections. Reads no
 * token column.
 */
@Component
class ConnectionDirectory {

    static final int PAGE_SIZE = 50;
    private static final String COLUMNS = "id, dc, environment, status, access_token_expires_at, last_refreshed_at,"
            + " last_error, org_id, org_name, org_edition";

    private final JdbcClient jdbc;

    ConnectionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the list. */
    record Row(String id, String dc, String environment, String status, Instant accessTokenExpiresAt,
            Instant lastRefreshedAt, String lastError, String orgName, String orgId, String orgEdition) {
    }

    /** What the operator asked for: each part optional; {@code after} is the last id of the previous page. */
    record Filter(String status, String dc, String search, String after) {
    }

    /** A page and whether another follows. */
    record Page(List<Row> rows, boolean more) {
    }

    Page page(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM zoho_connection WHERE id > :after");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("after", filter.after() == null ? "" : filter.after());
        if (filter.status() != null) {
            sql.append(" AND status = :status");
            params.put("status", filter.status());
        }
        if (filter.dc() != null) {
            sql.append(" AND dc = :dc");
            params.put("dc", filter.dc());
        }
        if (filter.search() != null) {
            // ids are [A-Za-z0-9._-]: no LIKE wildcard can be in the search, which is validated as an id part
            sql.append(" AND LOWER(id) LIKE :search");
            params.put("search", "%" + filter.search().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        params.put("limit", PAGE_SIZE + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        return rows.size() > PAGE_SIZE ? new Page(rows.subList(0, PAGE_SIZE), true) : new Page(rows, false);
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("dc"), rs.getString("environment"), rs.getString("status"),
                instant(rs, "access_token_expires_at"), instant(rs, "last_refreshed_at"), rs.getString("last_error"),
                rs.getString("org_name"), rs.getString("org_id"), rs.getString("org_edition"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

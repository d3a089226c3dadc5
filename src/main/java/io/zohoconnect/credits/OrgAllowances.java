package io.zohoconnect.credits;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import io.zohoconnect.crm.OrgConcurrencyLimits;
import io.zohoconnect.crm.ZohoEdition;
import io.zohoconnect.crm.ZohoLicense;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each org's API-credit allowance for 24 hours: the one an admin set ({@code PUT /api/orgs/{id}/credits},
 * add-on credits), else Zoho's formula over its edition and user licenses as {@code GET /crm/v8/org} last
 * said them (ZOHO-API.md §10), else the formula for {@code zoho.crm.default-edition} with no licenses.
 * Kept in {@code zoho_org_credits}; read from memory, reloaded with every ledger flush so every node
 * sees an admin's change within a second.
 */
@Component
public final class OrgAllowances {

    private static final String SELECT_ALL = "SELECT org_id, edition, licensed_users, allowance_override FROM zoho_org_credits";
    private static final String UPDATE_LICENSE = "UPDATE zoho_org_credits SET edition = :edition,"
            + " licensed_users = :users, updated_at = :now WHERE org_id = :org";
    private static final String UPDATE_OVERRIDE = "UPDATE zoho_org_credits SET allowance_override = :allowance,"
            + " updated_at = :now WHERE org_id = :org";
    private static final String INSERT = "INSERT INTO zoho_org_credits (org_id, edition, licensed_users,"
            + " allowance_override, updated_at) VALUES (:org, :edition, :users, :allowance, :now) ON CONFLICT DO NOTHING";

    /** An org's license as stored; null fields are unknown. */
    record License(String edition, Integer users, Long override) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CreditOrgs orgs;
    private final ZohoEdition defaultEdition;
    private volatile Map<String, License> licenses;
    private final ConcurrentMap<String, Long> allowances = new ConcurrentHashMap<>();

    public OrgAllowances(JdbcClient jdbc, Clock clock, CreditOrgs orgs, OrgConcurrencyLimits limits) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.orgs = orgs;
        this.defaultEdition = limits.defaultEdition();
    }

    /** Zoho's formula: Free 5,000; else 50,000 + licenses × 250/500/1,000/2,000, capped per edition (Ultimate: no cap). */
    public static long zohoAllowance(ZohoEdition edition, int users) {
        long licensed = Math.max(0, users);
        return switch (edition) {
            case FREE -> 5_000;
            case STANDARD -> Math.min(50_000 + 250 * licensed, 100_000);
            case PROFESSIONAL -> Math.min(50_000 + 500 * licensed, 3_000_000);
            case ENTERPRISE -> Math.min(50_000 + 1_000 * licensed, 5_000_000);
            case ULTIMATE -> 50_000 + 2_000 * licensed;
        };
    }

    public long allowanceOf(String orgId) {
        if (licenses == null) {
            reload();
        }
        return allowances.computeIfAbsent(orgId, this::compute);
    }

    /** Whether the allowance is an admin's ({@code PUT /api/orgs/{id}/credits}) rather than Zoho's formula. */
    public boolean overridden(String orgId) {
        if (licenses == null) {
            reload();
        }
        License license = licenses.get(orgId);
        return license != null && license.override() != null;
    }

    /** Whether the service knows the org: a connection of it, or a stored license. */
    public boolean known(String orgId) {
        if (licenses == null) {
            reload();
        }
        return licenses.containsKey(orgId) || orgs.anyConnectionOf(orgId).isPresent();
    }

    /** An admin's allowance for the org (add-on credits bought), or null to go back to Zoho's formula. */
    public void override(String orgId, Long allowance) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        if (jdbc.sql(UPDATE_OVERRIDE).param("allowance", allowance).param("now", now).param("org", orgId).update() == 0) {
            jdbc.sql(INSERT).param("org", orgId).param("edition", null).param("users", null)
                    .param("allowance", allowance).param("now", now).update();
            jdbc.sql(UPDATE_OVERRIDE).param("allowance", allowance).param("now", now).param("org", orgId).update();
        }
        reload();
    }

    /** Zoho said what the org's license is (at consent): the allowance follows it. */
    @EventListener
    void onLicense(ZohoLicense license) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        Integer users = license.licensedUsers() < 0 ? null : license.licensedUsers();
        if (jdbc.sql(UPDATE_LICENSE).param("edition", license.edition()).param("users", users).param("now", now)
                .param("org", license.orgId()).update() == 0) {
            jdbc.sql(INSERT).param("org", license.orgId()).param("edition", license.edition()).param("users", users)
                    .param("allowance", null).param("now", now).update();
        }
        reload();
    }

    /** Every stored license again (another node may have changed one). */
    void reload() {
        Map<String, License> stored = Map.copyOf(jdbc.sql(SELECT_ALL).query(OrgAllowances::license).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        if (!stored.equals(licenses)) {
            licenses = stored;
            allowances.clear();
        }
    }

    private long compute(String orgId) {
        License license = licenses.get(orgId);
        if (license != null && license.override() != null) {
            return license.override();
        }
        Optional<ZohoEdition> edition = Optional.ofNullable(license).map(License::edition).flatMap(ZohoEdition::named);
        if (edition.isEmpty()) {
            edition = orgs.anyConnectionOf(orgId).map(c -> c.org() == null ? null : c.org().edition())
                    .flatMap(ZohoEdition::named);
        }
        int users = license != null && license.users() != null ? license.users() : 0;
        return zohoAllowance(edition.orElse(defaultEdition), users);
    }

    private static Map.Entry<String, License> license(ResultSet rs, int row) throws SQLException {
        int users = rs.getInt("licensed_users");
        Integer licensed = rs.wasNull() ? null : users;
        long override = rs.getLong("allowance_override");
        Long allowance = rs.wasNull() ? null : override;
        return Map.entry(rs.getString("org_id"), new License(rs.getString("edition"), licensed, allowance));
    }
}

package io.zohoconnect.credits;

import java.time.Clock;
import java.time.Instant;

import io.zohoconnect.crm.CallAccounting;
import io.zohoconnect.crm.CallPurpose;
import io.zohoconnect.crm.CreditsExhaustedException;
import io.zohoconnect.crm.CrmRequest;
import io.zohoconnect.crm.ZohoLicense;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The org's API-credit budget on the call path: before an attempt its cost is charged to the ledger if
 * it fits — background work within {@code zoho.credits.background-share} of the allowance, interactive
 * work within the whole allowance — or the attempt is refused ({@link CreditsExhaustedException}) and
 * never reaches Zoho. An attempt Zoho did not charge (no answer, token refused, 429) gets its credits back.
 */
@Component
public final class CreditBudget implements CallAccounting {

    private final CreditLedger ledger;
    private final CreditCosts costs;
    private final CreditOrgs orgs;
    private final OrgAllowances allowances;
    private final CreditThresholds thresholds;
    private final CreditSettings settings;
    private final Clock clock;

    public CreditBudget(CreditLedger ledger, CreditCosts costs, CreditOrgs orgs, OrgAllowances allowances,
            CreditThresholds thresholds, CreditSettings settings, Clock clock) {
        this.ledger = ledger;
        this.costs = costs;
        this.orgs = orgs;
        this.allowances = allowances;
        this.thresholds = thresholds;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void beforeAttempt(CrmRequest r) {
        String org = orgs.orgOf(r.connectionId());
        long allowance = allowances.allowanceOf(org);
        int cost = costs.of(r);
        long used = ledger.charge(org, r.purpose(), cost, allowance, backgroundLimit(allowance));
        if (used < 0) {
            CreditUsage usage = ledger.usage(org);
            Instant retryAt = usage.nextCreditAt() != null ? usage.nextCreditAt() : clock.instant().plus(CreditLedger.WINDOW);
            throw new CreditsExhaustedException(r.purpose(), org, retryAt);
        }
        if (r.meter() != null) {
            r.meter().add(cost);
        }
        thresholds.check(org, used, allowance);
    }

    @Override
    public void afterAttempt(CrmRequest r, int status) {
        if (status == 0 || status == 401 || status == 429) {
            int cost = costs.of(r);
            ledger.refund(orgs.orgOf(r.connectionId()), r.purpose(), cost);
            if (r.meter() != null) {
                r.meter().add(-cost);
            }
        }
    }

    /**
     * The org was read at consent ({@code GET /crm/v8/org}, outside the call path: the grant is not stored yet):
     * Zoho charged that call to the org, so the ledger does too.
     */
    @EventListener
    void onOrgRead(ZohoLicense license) {
        ledger.charge(license.orgId(), CallPurpose.INTERACTIVE, 1, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    long backgroundLimit(long allowance) {
        return (long) Math.floor(allowance * settings.backgroundShare());
    }

    /** What {@code GET /api/orgs/{org_id}/credits} answers. */
    public CreditStatus status(String orgId) {
        long allowance = allowances.allowanceOf(orgId);
        CreditUsage usage = ledger.usage(orgId);
        String state = usage.used() >= allowance ? "exhausted"
                : usage.background() >= backgroundLimit(allowance) ? "background_paused" : "ok";
        return new CreditStatus(orgId, allowance, usage.used(), usage.background(), usage.interactive(),
                settings.backgroundShare(), state, usage.nextCreditAt());
    }
}

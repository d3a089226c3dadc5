package io.zohoconnect.crm;

import jakarta.validation.constraints.Min;

/**
 * Per-connection CRM settings: its org's edition, or an explicit concurrent-call limit.
 *
 * @param edition        The org's Zoho edition, whose concurrent-call limit applies.
 * @param maxConcurrency An explicit concurrent-call limit for the org, instead of the edition's.
 */
public record CrmConnectionSettings(ZohoEdition edition, @Min(1) Integer maxConcurrency) {
}

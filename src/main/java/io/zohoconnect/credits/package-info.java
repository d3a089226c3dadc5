/**
 * API credits (issue 22, DESIGN.md "Contract for API credits"): a ledger of what every CRM call costs
 * each org over Zoho's rolling 24 hours, shared by the nodes of a cluster; each org's allowance from its
 * edition and licenses (or set by an admin); and the budget that stops background work at its share and
 * refuses interactive calls over the allowance before they reach Zoho. Hangs on the call path through
 * {@link io.zohoconnect.crm.CallAccounting}; imports crm, never the reverse.
 */
package io.zohoconnect.credits;

package io.zohoconnect.crm;

/**
 * Why a CRM call is made, for the org's API-credit budget (DESIGN.md "Contract for API credits"):
 * background work (syncs, bulk exports, notification reads, queue writes) stops at its share of the
 * allowance and waits; interactive work (route producer calls, the gateway) may use the rest.
 */
public enum CallPurpose {
    INTERACTIVE, BACKGROUND
}

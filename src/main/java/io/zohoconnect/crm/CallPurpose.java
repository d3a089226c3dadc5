package io.zohoconnect.crm;

/**
 * Why a CRM call is made, for whoever weighs calls against Zoho's API credits ({@link CallAccounting}):
 * a person or a route is waiting for it, or the service makes it on its own schedule.
 */
public enum CallPurpose {
    /** A route's producer call or a gateway request: someone waits for the answer. */
    INTERACTIVE,
    /** Syncs, bulk exports, notification reads, queued writes: work the service could defer. */
    BACKGROUND
}

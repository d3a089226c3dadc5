package io.zohoconnect.crm;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API credits the calls of one piece of background work cost — a sync run — as the credit ledger
 * charged them ({@link CallAccounting}): attempts Zoho charged count, attempts it did not (no answer,
 * a refused token, a 429) are given back. A background request made while a meter is open on the thread
 * ({@link #counting}) carries the meter ({@link CrmRequest#background()}), so its retries count on
 * whichever thread they run.
 */
public final class CreditMeter {

    private static final ThreadLocal<CreditMeter> OPEN = new ThreadLocal<>();

    private final AtomicLong credits = new AtomicLong();

    /** The meter open on this thread, or null. */
    public static CreditMeter current() {
        return OPEN.get();
    }

    /** Runs {@code work} with this meter open on the thread (the previous one back afterwards). */
    public <T> T counting(Callable<T> work) throws Exception {
        CreditMeter before = OPEN.get();
        OPEN.set(this);
        try {
            return work.call();
        } finally {
            if (before == null) {
                OPEN.remove();
            } else {
                OPEN.set(before);
            }
        }
    }

    /** Charged (positive) or given back (negative) by the ledger. */
    public void add(long credits) {
        this.credits.addAndGet(credits);
    }

    public long credits() {
        return credits.get();
    }
}

package io.zohoconnect.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import io.zohoconnect.credentials.Randoms;
import io.zohoconnect.support.MutableClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link BulkJobStore} against a migrated database (V31): the same behaviour on H2 and PostgreSQL. */
abstract class BulkJobStoreContract {

    private BulkJobStore store;
    private JdbcClient jdbc;

    protected abstract DataSource dataSource();

    @BeforeEach
    void store() {
        jdbc = JdbcClient.create(dataSource());
        MutableClock clock = new MutableClock();
        store = new BulkJobStore(jdbc, clock);
    }

    @Test
    void aStartedJobIsFoundWithItsPageAndRowsDelivered() {
        BulkJob started = store.start("s1", "acme", "Leads", "fields-1", "4150868000001", 2, Randoms.sha256Hex("token-1"));
        store.delivered(started, 12_400);

        BulkJob found = store.find("s1").orElseThrow();

        assertThat(found.jobId()).isEqualTo("4150868000001");
        assertThat(found.page()).isEqualTo(2);
        assertThat(found.rowsDelivered()).isEqualTo(12_400);
        assertThat(found.fieldsKey()).isEqualTo("fields-1");
        assertThat(found.createdAt()).isEqualTo(started.createdAt());
    }

    @Test
    void theNextJobReplacesTheLastAndRowsStartAgain() {
        store.delivered(store.start("s1", "acme", "Leads", "f", "111", 1, null), 200_000);

        store.start("s1", "acme", "Leads", "f", "222", 2, null);

        BulkJob found = store.find("s1").orElseThrow();
        assertThat(found.jobId()).isEqualTo("222");
        assertThat(found.rowsDelivered()).isZero();
    }

    @Test
    void aCallbackFindsItsJobByTheTokensHashOnly() {
        store.start("s1", "acme", "Leads", "f", "111", 1, Randoms.sha256Hex("token-1"));
        store.start("s2", "acme", "Deals", "f", "222", 1, Randoms.sha256Hex("token-2"));
        store.start("s3", "acme", "Tasks", "f", "333", 1, null);
        store.start("s4", "acme", "Cases", "f", "444", 1, null); // several jobs without a callback

        assertThat(store.findByCallback(Randoms.sha256Hex("token-2")).map(BulkJob::syncId)).hasValue("s2");
        assertThat(store.findByCallback(Randoms.sha256Hex("token-3"))).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM zoho_bulk_jobs WHERE callback_token_hash LIKE '%token%'")
                .query(Long.class).single()).as("the token itself is never stored").isZero();
    }

    @Test
    void aCallbackIsRecordedWithTheJob() {
        BulkJob job = store.start("s1", "acme", "Leads", "f", "111", 1, Randoms.sha256Hex("t"));

        store.calledBack(job, "COMPLETED");

        assertThat(jdbc.sql("SELECT callback_state FROM zoho_bulk_jobs WHERE sync_id = 's1'").query(String.class).single())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aForgottenExportHasNothingToResume() {
        store.start("s1", "acme", "Leads", "f", "111", 1, Randoms.sha256Hex("t"));

        store.forget("s1");

        assertThat(store.find("s1")).isEmpty();
        assertThat(store.findByCallback(Randoms.sha256Hex("t"))).isEmpty();
    }
}

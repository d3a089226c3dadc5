package io.zohoconnect.bulk;

import javax.sql.DataSource;

import io.zohoconnect.support.TestDatabases;

class PostgresBulkJobStoreTest extends BulkJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.postgres();
    }
}

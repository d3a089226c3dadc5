package io.zohoconnect.bulk;

import javax.sql.DataSource;

import io.zohoconnect.support.TestDatabases;

class H2BulkJobStoreTest extends BulkJobStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.h2();
    }
}

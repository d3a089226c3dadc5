package io.zohoconnect.connection;

import javax.sql.DataSource;

import io.zohoconnect.support.TestDatabases;

class H2ConnectionStoreTest extends ConnectionStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.h2();
    }
}

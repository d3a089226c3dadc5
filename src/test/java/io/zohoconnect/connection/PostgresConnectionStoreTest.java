package io.zohoconnect.connection;

import javax.sql.DataSource;

import io.zohoconnect.support.TestDatabases;

class PostgresConnectionStoreTest extends ConnectionStoreContract {

    @Override
    protected DataSource dataSource() {
        return TestDatabases.postgres();
    }
}

package io.zohoconnect.connection;

import java.util.function.Function;

/**
 * One secret column of a table without a version column, as its store describes it to key rotation.
 * {@code select} reads the rows not yet sealed under the current key and {@code update} rewrites one
 * row only if its sealed value is still the one read, so a row rewritten or deleted meanwhile is left
 * alone. The statements name their parameters {@code :prefix}, {@code :keyId}, {@code :id},
 * {@code :sealed} and {@code :old}.
 *
 * @param select       rows to re-seal, with {@code idColumn} and {@code sealedColumn}
 * @param update       the conditional rewrite of one row
 * @param idColumn     the row's id, from which its cipher context is derived
 * @param sealedColumn the sealed value
 * @param context      the cipher context of a row's secret, from the row's id
 */
public record SealedColumn(String select, String update, String idColumn, String sealedColumn,
        Function<String, String> context) {
}

package io.zohoconnect.connection;

import java.util.List;

/**
 * Implemented by every store, in whichever package owns it, that seals secrets with {@link TokenCipher}
 * outside {@code zoho_connection}: {@link KeyRotation} re-seals what the stores register here, so the
 * SQL of a table stays in the package that owns the table.
 */
public interface SealedColumns {

    /** The secret columns of this store that key rotation re-seals. */
    List<SealedColumn> sealedColumns();
}

package io.doltsync.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * H2 in Oracle compatibility mode ({@code jdbc:h2:...;MODE=Oracle}): Oracle's type mapping and
 * lexical rules on H2's catalog, triggers, snapshots and DDL. It lets the Oracle mapping be tested
 * without an Oracle server.
 */
public class H2OracleModeDialect extends OracleDialect {

  @Override
  public boolean supports(String jdbcUrl) {
    return hasPrefix(jdbcUrl, H2Support.URL_PREFIX) && H2Support.isOracleMode(jdbcUrl);
  }

  @Override
  protected String[] tableTypes() {
    return H2Support.TABLE_TYPES;
  }

  @Override
  protected List<String> readTriggers(Connection connection, String table) throws SQLException {
    return H2Support.triggers(connection, schema(connection), table);
  }

  @Override
  public List<String> createJournalTable(String tableName) {
    return H2Support.createJournalTable(quoteIdentifier(tableName), quoteIdentifier(tableName + "_txn"));
  }

  @Override
  public void beginConsistentSnapshot(Connection connection) throws SQLException {
    H2Support.beginConsistentSnapshot(connection);
  }

  /** H2 has no table locks inside a transaction; its row locks must do. */
  @Override
  public String shareLockTable(String quotedTable) {
    return null;
  }
}

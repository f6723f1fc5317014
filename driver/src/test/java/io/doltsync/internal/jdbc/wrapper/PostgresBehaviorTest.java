package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.testing.PrimaryKind;
import java.util.List;

/** The JDBC behavior suite on PostgreSQL (pgjdbc). */
class PostgresBehaviorTest extends JdbcBehaviorSuite {

  PostgresBehaviorTest() {
    super(PrimaryKind.POSTGRES);
  }

  @Override
  protected String createKeyedTable(String table) {
    return "CREATE TABLE " + table + " (id SERIAL PRIMARY KEY, v VARCHAR(20))";
  }

  @Override
  protected List<String> createRoutines(String prefix) {
    return List.of(
        "CREATE FUNCTION " + prefix + "_proc(x INT, OUT y INT) LANGUAGE sql AS $$ SELECT x + 1 $$",
        "CREATE FUNCTION " + prefix + "_fn(x INT) RETURNS INT LANGUAGE sql AS $$ SELECT x + 1 $$");
  }

  @Override
  protected String outParameterCall(String prefix) {
    return "{call " + prefix + "_proc(?, ?)}";
  }

  @Override
  protected String numbers(int count) {
    return "SELECT g AS n, 'row-' || g AS label FROM generate_series(1, " + count + ") AS g";
  }

  @Override
  protected String productName() {
    return "PostgreSQL";
  }

  @Override
  protected VendorClasses vendorClasses() {
    return new VendorClasses(org.postgresql.PGConnection.class, org.postgresql.PGStatement.class,
        org.postgresql.jdbc.PgStatement.class, org.postgresql.jdbc.PgResultSet.class,
        org.postgresql.jdbc.PgDatabaseMetaData.class);
  }

  @Override
  protected List<WriteOutcomes.Write> returningWrites() {
    return List.of(
        new WriteOutcomes.Write("insertReturning", "INSERT INTO wq (id, v) VALUES ({n} + 20000, 'ret') RETURNING id"),
        new WriteOutcomes.Write("updateReturning", "UPDATE wq SET v = 'ret' WHERE id = {n} RETURNING id, v"),
        new WriteOutcomes.Write("deleteReturning", "DELETE FROM wq WHERE id = {n} RETURNING id"),
        new WriteOutcomes.Write("cte", "WITH changed AS (UPDATE wq SET v = 'cte' WHERE id = {n} RETURNING id)"
            + " SELECT count(*) FROM changed"));
  }
}

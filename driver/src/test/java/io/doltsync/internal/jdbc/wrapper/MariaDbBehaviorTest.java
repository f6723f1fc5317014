package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.testing.PrimaryKind;
import java.util.List;
import java.util.regex.Pattern;

/** The JDBC behavior suite on MariaDB (mariadb-java-client). */
class MariaDbBehaviorTest extends JdbcBehaviorSuite {

  MariaDbBehaviorTest() {
    super(PrimaryKind.MARIADB);
  }

  @Override
  protected String rawUrl(PrimaryKind.Space space) {
    return space.url() + "?allowMultiQueries=true";
  }

  @Override
  protected String createKeyedTable(String table) {
    return "CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))";
  }

  @Override
  protected List<String> createRoutines(String prefix) {
    return List.of(
        "CREATE PROCEDURE " + prefix + "_proc(IN x INT, OUT y INT) SET y = x + 1",
        "CREATE FUNCTION " + prefix + "_fn(x INT) RETURNS INT DETERMINISTIC RETURN x + 1");
  }

  @Override
  protected String outParameterCall(String prefix) {
    return "{call " + prefix + "_proc(?, ?)}";
  }

  @Override
  protected String numbers(int count) {
    return "SELECT seq AS n, CONCAT('row-', seq) AS label FROM seq_1_to_" + count;
  }

  @Override
  protected String productName() {
    return "MariaDB";
  }

  @Override
  protected VendorClasses vendorClasses() {
    return new VendorClasses(org.mariadb.jdbc.Connection.class, org.mariadb.jdbc.Statement.class,
        org.mariadb.jdbc.BasePreparedStatement.class, org.mariadb.jdbc.client.result.Result.class,
        org.mariadb.jdbc.DatabaseMetaData.class);
  }

  /** mariadb-java-client prefixes messages with the connection id, which differs between connections. */
  @Override
  protected List<Pattern> volatileParts() {
    return List.of(Pattern.compile("\\(conn=\\d+\\) ?"));
  }

  @Override
  protected List<WriteOutcomes.Write> returningWrites() {
    return List.of(
        new WriteOutcomes.Write("insertReturning", "INSERT INTO wq (id, v) VALUES ({n} + 20000, 'ret') RETURNING id"),
        new WriteOutcomes.Write("deleteReturning", "DELETE FROM wq WHERE id = {n} RETURNING id, v"));
  }

  @Override
  protected List<String> warningSetup() {
    return List.of("CREATE TABLE ww (id INT PRIMARY KEY, s VARCHAR(3), t TINYINT, d DECIMAL(5,2), nn INT NOT NULL)",
        "SET SESSION sql_mode = ''");
  }

  @Override
  protected List<WriteOutcomes.Write> warningWrites() {
    return List.of(
        new WriteOutcomes.Write("truncation", "INSERT INTO ww (id, s, t, d, nn) VALUES ({n} + 10000, 'abcdef', 1, 1, 1)"),
        new WriteOutcomes.Write("outOfRange", "UPDATE ww SET t = 1000 + {n} WHERE id = {n}"),
        new WriteOutcomes.Write("divisionByZero", "UPDATE ww SET d = {n} / 0 WHERE id = {n}"),
        new WriteOutcomes.Write("duplicateIgnored", "INSERT IGNORE INTO ww (id, s, t, d, nn) VALUES ({n}, 'b', 2, 2, 2)"),
        new WriteOutcomes.Write("nullIntoNotNull", "UPDATE ww SET nn = NULL WHERE id = {n}"),
        new WriteOutcomes.Write("roundedDecimal", "UPDATE ww SET d = {n} + 0.12345 WHERE id = {n}"),
        new WriteOutcomes.Write("several", "UPDATE ww SET s = 'abcdef', t = -1000, nn = NULL WHERE id = {n}"),
        new WriteOutcomes.Write("none", "UPDATE ww SET s = 'c' WHERE id = {n}"),
        // every column from the text by key: the form doltsync may send with its journal entry in one trip
        new WriteOutcomes.Write("roundedEveryColumn", "UPDATE ww SET s = 'r', t = 3, d = {x}, nn = {n} WHERE id = {n}"),
        new WriteOutcomes.Write("insertRounded", "INSERT INTO ww (id, s, t, d, nn) VALUES ({k}, 'i', 4, {x}, 5)"));
  }
}

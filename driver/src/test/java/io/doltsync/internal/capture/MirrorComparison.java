package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.DoltDdl;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Compares mirrored tables of a primary space with their Dolt copies as multisets of canonical rows (read
 * through the primary's dialect on both sides, the primary's columns in their exact forms,
 * {@link SourceDialect#selectColumns}), and reads the mirror's JMX counters.
 */
final class MirrorComparison {

  private MirrorComparison() {}

  /** Asserts that each table holds the same rows (with the same multiplicities) in Dolt as in the primary. */
  static void assertSameRows(PrimaryKind.Space space, String doltDatabase, String... tables) throws SQLException {
    SourceDialect dialect = SourceDialects.forUrl(space.url());
    try (Connection primary = space.connect(); Connection dolt = TestServers.dolt(doltDatabase)) {
      for (String name : tables) {
        String table = dialect.listTables(primary).stream().filter(t -> t.equalsIgnoreCase(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no table " + name + " in the primary"));
        TableSchema schema = dialect.readTable(primary, table);
        List<String> primaryRows = rows(primary, select(schema, dialect.quoteIdentifier(schema.name()), dialect, false),
            schema, dialect, false);
        List<String> doltRows = rows(dolt, select(schema, backticked(DoltDdl.doltName(schema.name())), dialect, true),
            schema, dialect, true);
        assertThat(doltRows).as("rows of %s in Dolt", name).isEqualTo(primaryRows);
      }
    }
  }

  /** Each table's rows in the primary, canonical and sorted: to tell whether a transaction changed anything. */
  static java.util.Map<String, List<String>> primaryRows(PrimaryKind.Space space, String... tables) throws SQLException {
    SourceDialect dialect = SourceDialects.forUrl(space.url());
    java.util.Map<String, List<String>> byTable = new java.util.LinkedHashMap<>();
    try (Connection primary = space.connect()) {
      for (String name : tables) {
        String table = dialect.listTables(primary).stream().filter(t -> t.equalsIgnoreCase(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no table " + name + " in the primary"));
        TableSchema schema = dialect.readTable(primary, table);
        byTable.put(name, rows(primary, select(schema, dialect.quoteIdentifier(schema.name()), dialect, false),
            schema, dialect, false));
      }
    }
    return byTable;
  }

  private static String select(TableSchema schema, String from, SourceDialect dialect, boolean dolt) {
    if (!dolt) {
      // the exact forms doltsync's own readers use (a MariaDB FLOAT comes with 6 digits through the text protocol)
      return "SELECT " + dialect.selectColumns(schema.columns()) + " FROM " + from;
    }
    List<String> columns = new ArrayList<>();
    for (ColumnSchema column : schema.columns()) {
      columns.add(backticked(DoltDdl.doltName(column.name())));
    }
    return "SELECT " + String.join(", ", columns) + " FROM " + from;
  }

  private static List<String> rows(Connection connection, String sql, TableSchema schema, SourceDialect dialect,
      boolean dolt) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < schema.columns().size(); i++) {
          ColumnSchema column = schema.columns().get(i);
          Object value = dolt ? dialect.readDoltValue(rs, i + 1, column) : dialect.readValue(rs, i + 1, column);
          row.append(i == 0 ? "" : " | ").append(normalized(value));
        }
        rows.add(row.toString());
      }
    }
    Collections.sort(rows);
    return rows;
  }

  private static String backticked(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String normalized(Object value) {
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    return String.valueOf(value);
  }

  /** A counter of the mirror writing {@code doltDatabase}, read through JMX. */
  static long metric(String doltDatabase, String attribute) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : server.queryNames(new ObjectName("io.doltsync:type=Mirror,*"), null)) {
      if (name.toString().contains(doltDatabase)) {
        return ((Number) server.getAttribute(name, attribute)).longValue();
      }
    }
    throw new AssertionError("no mirror MBean for " + doltDatabase);
  }
}

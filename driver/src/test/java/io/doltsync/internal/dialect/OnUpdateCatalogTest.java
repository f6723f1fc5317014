package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Which columns the catalog reads as {@code ON UPDATE} ({@link ColumnSchema#onUpdate()}), on MariaDB and H2: a
 * generator of tables whose columns are drawn from declarations with and without {@code ON UPDATE} (explicit, with
 * and without defaults, nullable or not, fractional, TIMESTAMP and DATETIME; on MariaDB the implicit one of a first
 * TIMESTAMP under {@code explicit_defaults_for_timestamp=OFF}; on H2 any expression, and one inherited from a
 * domain), then {@code ALTER TABLE}s that add and drop it, each table read again after each change.
 */
class OnUpdateCatalogTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());

  private static final Map<String, Boolean> MARIADB = declarations(
      "TIMESTAMP NULL ON UPDATE CURRENT_TIMESTAMP", true,
      "TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)", true,
      "TIMESTAMP NOT NULL DEFAULT '2001-01-01 00:00:00' ON UPDATE CURRENT_TIMESTAMP", true,
      "DATETIME NULL ON UPDATE CURRENT_TIMESTAMP", true,
      "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)", true,
      "TIMESTAMP NULL", false,
      "TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)", false,
      "DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP(6)", false,
      "DATETIME NOT NULL DEFAULT '2001-01-01 00:00:00'", false,
      "INT NOT NULL DEFAULT 0", false,
      "VARCHAR(40) DEFAULT 'on update current_timestamp'", false);

  private static final Map<String, Boolean> H2 = declarations(
      "TIMESTAMP ON UPDATE CURRENT_TIMESTAMP", true,
      "TIMESTAMP(6) NOT NULL DEFAULT LOCALTIMESTAMP ON UPDATE LOCALTIMESTAMP(6)", true,
      "INT DEFAULT 0 ON UPDATE 7", true,
      "VARCHAR(20) ON UPDATE 'changed'", true,
      "STAMPED", true, // a domain whose parent is ON UPDATE
      "TIMESTAMP", false,
      "TIMESTAMP(6) DEFAULT LOCALTIMESTAMP(6)", false,
      "INT NOT NULL DEFAULT 0", false,
      "VARCHAR(20) DEFAULT 'on update 7'", false,
      "PLAIN", false); // a domain without ON UPDATE

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "H2"})
  void theCatalogReadsWhichColumnsAreOnUpdate(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    Map<String, Boolean> declarations = kind == PrimaryKind.MARIADB ? MARIADB : H2;
    List<String> names = new ArrayList<>(declarations.keySet());
    try (PrimaryKind.Space space = kind.createSpace("onupdate_cat"); Connection connection = space.connect();
        Statement s = connection.createStatement()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      if (kind == PrimaryKind.H2) {
        s.execute("CREATE DOMAIN STAMP_BASE AS TIMESTAMP ON UPDATE LOCALTIMESTAMP");
        s.execute("CREATE DOMAIN STAMPED AS STAMP_BASE DEFAULT LOCALTIMESTAMP");
        s.execute("CREATE DOMAIN PLAIN AS TIMESTAMP DEFAULT LOCALTIMESTAMP");
      }
      for (int t = 0; t < 8; t++) {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        StringBuilder ddl = new StringBuilder("CREATE TABLE t" + t + " (id INT PRIMARY KEY");
        for (int c = 0; c < 1 + random.nextInt(4); c++) {
          String declaration = names.get(random.nextInt(names.size()));
          ddl.append(", c").append(c).append(' ').append(declaration);
          expected.put(kind == PrimaryKind.H2 ? "C" + c : "c" + c, declarations.get(declaration));
        }
        s.execute(ddl.append(')').toString());
        assertOnUpdate(dialect, connection, kind == PrimaryKind.H2 ? "T" + t : "t" + t, expected, ddl);
        for (int change = 0; change < 3; change++) {
          String column = expected.keySet().stream().skip(random.nextInt(expected.size())).findFirst().orElseThrow();
          String declaration = names.get(random.nextInt(names.size()));
          String alter = kind == PrimaryKind.MARIADB ? "ALTER TABLE t" + t + " MODIFY " + column + " " + declaration
              : "ALTER TABLE t" + t + " ALTER COLUMN " + column + " " + declaration;
          s.execute(alter);
          expected.put(column, declarations.get(declaration));
          assertOnUpdate(dialect, connection, kind == PrimaryKind.H2 ? "T" + t : "t" + t, expected, alter);
        }
      }
      if (kind == PrimaryKind.MARIADB) {
        s.execute("SET SESSION explicit_defaults_for_timestamp = OFF");
        s.execute("CREATE TABLE implicit (id INT PRIMARY KEY, first TIMESTAMP, second TIMESTAMP, d DATETIME)");
        s.execute("SET SESSION explicit_defaults_for_timestamp = ON");
        assertOnUpdate(dialect, connection, "implicit", Map.of("first", true, "second", false, "d", false),
            "the first TIMESTAMP is ON UPDATE CURRENT_TIMESTAMP implicitly");
      }
    }
  }

  private static void assertOnUpdate(SourceDialect dialect, Connection connection, String table,
      Map<String, Boolean> expected, Object why) throws Exception {
    List<ColumnSchema> columns = dialect.readTable(connection, table).columns();
    for (ColumnSchema column : columns) {
      boolean onUpdate = expected.getOrDefault(column.name(), false);
      assertThat(column.onUpdate() != null)
          .as("%s.%s after %s (seed %d): %s", table, column.name(), why, SEED, column).isEqualTo(onUpdate);
    }
  }

  private static Map<String, Boolean> declarations(Object... pairs) {
    Map<String, Boolean> declarations = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      declarations.put((String) pairs[i], (Boolean) pairs[i + 1]);
    }
    return declarations;
  }
}

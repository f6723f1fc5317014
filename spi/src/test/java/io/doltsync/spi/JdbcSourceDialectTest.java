package io.doltsync.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The public base of a dialect, as a third party would subclass it with nothing but its abstract methods, against
 * a real (in-process H2) database: schema through metadata, values by JDBC type.
 */
class JdbcSourceDialectTest {

  /** A dialect written with the base class alone. */
  private static final class MinimalDialect extends JdbcSourceDialect {
    MinimalDialect() {
      super("minimal", "jdbc:h2:", LexicalRules.h2());
    }

    @Override
    public String doltType(String table, ColumnSchema column) {
      return "text";
    }

    @Override
    protected List<String> readTriggers(Connection connection, String table) {
      return List.of();
    }

    @Override
    public boolean ddlCommitsImplicitly() {
      return true;
    }

    @Override
    public List<String> createJournalTable(String tableName) {
      return List.of();
    }

    @Override
    public void beginConsistentSnapshot(Connection connection) {
    }
  }

  private static final MinimalDialect DIALECT = new MinimalDialect();

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void readsTablesKeysIndexesAndForeignKeysThroughMetadata() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL, CONSTRAINT parent_code UNIQUE (code))");
      s.execute("CREATE TABLE child (a INT, b INT, parent_id INT, note VARCHAR(20) DEFAULT 'x', PRIMARY KEY (a, b),"
          + " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)");
      s.execute("CREATE INDEX child_note ON child (note, parent_id)");
      s.execute("CREATE VIEW v AS SELECT * FROM parent");

      assertThat(DIALECT.listTables(c)).containsExactlyInAnyOrder("PARENT", "CHILD");
      TableSchema child = DIALECT.readTable(c, "child");
      assertThat(child.name()).isEqualTo("CHILD");
      assertThat(child.columns()).extracting(ColumnSchema::name).containsExactly("A", "B", "PARENT_ID", "NOTE");
      assertThat(child.primaryKey()).containsExactly("A", "B");
      assertThat(child.indexes()).anySatisfy(i -> {
        assertThat(i.name()).isEqualTo("CHILD_NOTE");
        assertThat(i.columns()).containsExactly("NOTE", "PARENT_ID");
      });
      assertThat(child.foreignKeys()).singleElement().satisfies(fk -> {
        assertThat(fk.referencedTable()).isEqualTo("PARENT");
        assertThat(fk.onDelete()).isEqualTo(ForeignKeySchema.Action.CASCADE);
      });
      assertThat(DIALECT.readTable(c, "PARENT").indexes()).extracting(IndexSchema::columns).containsExactly(List.of("CODE"));
      assertThatThrownBy(() -> DIALECT.readTable(c, "v")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
    }
  }

  /** Generated rows of every JDBC type the base reads come back as the canonical values the spi names. */
  @Test
  void readsEveryGeneratedValueInItsCanonicalForm() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE v (id INT PRIMARY KEY, ti TINYINT, si SMALLINT, i INT, bi BIGINT, de DECIMAL(20,6), r REAL,"
          + " d DOUBLE PRECISION, b BOOLEAN, ch CHAR(8), vc VARCHAR(30), bin VARBINARY(16), dt DATE, t TIME(6),"
          + " ts TIMESTAMP(9), tz TIMESTAMP(6) WITH TIME ZONE)");
      Random random = new Random(42);
      List<Object[]> expected = new ArrayList<>();
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int id = 0; id < 300; id++) {
          boolean nulls = id % 10 == 0;
          String chars = Long.toString(random.nextLong() & 0xffffff, 36);
          byte[] bytes = new byte[random.nextInt(16)];
          random.nextBytes(bytes);
          OffsetDateTime zoned = OffsetDateTime.of(2000 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28),
              random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000,
              ZoneOffset.ofHours(random.nextInt(25) - 12));
          LocalDateTime nanos = LocalDateTime.of(1990 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28),
              random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000));
          Object[] row = {(long) id, (long) (random.nextInt(256) - 128), (long) (short) random.nextInt(), (long) random.nextInt(),
              random.nextLong(), BigDecimal.valueOf(random.nextLong() % 100_000_000_000L, 6), random.nextFloat(),
              random.nextDouble(), random.nextBoolean(), chars, chars + " tail ", bytes,
              LocalDate.ofEpochDay(random.nextInt(40_000)), LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000),
              nanos, zoned};
          insert.setInt(1, id);
          for (int i = 1; i < row.length; i++) {
            insert.setObject(i + 1, nulls ? null : row[i]);
          }
          insert.executeUpdate();
          Object[] canonical = row.clone();
          canonical[14] = nanos.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
          canonical[15] = zoned.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
          if (nulls) {
            Arrays.fill(canonical, 1, canonical.length, null);
          }
          expected.add(canonical);
        }
      }
      TableSchema schema = DIALECT.readTable(c, "V");
      try (ResultSet rs = s.executeQuery("SELECT * FROM v ORDER BY id")) {
        for (Object[] row : expected) {
          assertThat(rs.next()).isTrue();
          for (int i = 0; i < row.length; i++) {
            Object value = DIALECT.readValue(rs, i + 1, schema.columns().get(i));
            String where = "row " + row[0] + " column " + schema.columns().get(i).name();
            if (row[i] instanceof BigDecimal decimal) {
              assertThat((BigDecimal) value).as(where).isEqualByComparingTo(decimal);
            } else {
              assertThat(value).as(where).isEqualTo(row[i]);
            }
          }
        }
      }
    }
  }

  @Test
  void quotesAndSupportsByItsRulesAndPrefix() {
    assertThat(DIALECT.quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(DIALECT.supports("JDBC:H2:mem:x")).isTrue();
    assertThat(DIALECT.supports("jdbc:h2x:mem:x")).isFalse();
    assertThat(DIALECT.lexicalRules()).isEqualTo(LexicalRules.h2());
  }
}

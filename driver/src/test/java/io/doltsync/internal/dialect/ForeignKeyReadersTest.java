package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.JdbcSourceDialect;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dialects' one-query foreign-key readers ({@code information_schema} on MariaDB, {@code pg_constraint} on
 * PostgreSQL) against {@link java.sql.DatabaseMetaData#getImportedKeys}, which they replace: generated tables with
 * generated foreign keys (composite, several to one parent, self-references, named and unnamed, every referential
 * action, odd identifiers) must read the same through both, on every primary.
 */
class ForeignKeyReadersTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TABLES = Integer.getInteger("doltsync.test.fkTables", 14);
  private static final String[] NAMES = {"p", "Parent", "with space", "u_nder", "per%cent", "MiXeD", "x1"};

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void theCatalogQueryReadsWhatTheJdbcMetadataReads(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("fkread"); Connection connection = space.connect()) {
      SourceDialect dialect = SourceDialects.forUrl(space.url());
      Metadata metadata = new Metadata(dialect);
      List<Table> made = new ArrayList<>();
      for (int t = 0; t < TABLES; t++) {
        Table table = aTable(random, kind, t, made);
        try (Statement s = connection.createStatement()) {
          s.execute(table.ddl(dialect));
          made.add(table);
        } catch (SQLException refused) {
          // a combination the primary does not take (MariaDB: SET DEFAULT); the generator moves on
        }
      }
      int keys = 0;
      for (String name : dialect.listTables(connection)) {
        List<ForeignKeySchema> expected = metadata.old(connection, name);
        List<ForeignKeySchema> read = metadata.read(connection, name);
        assertThat(read).as("foreign keys of %s on %s (seed %d)", name, kind, SEED).isEqualTo(expected);
        keys += read.size();
      }
      assertThat(made.size()).as("tables created (seed %d)", SEED).isGreaterThan(TABLES / 2);
      assertThat(keys).as("foreign keys read (seed %d)", SEED).isGreaterThan(TABLES / 2);
    }
  }

  /** Calls both readers of the primary's dialect. */
  private static final class Metadata {
    private final JdbcSourceDialect dialect;

    Metadata(SourceDialect dialect) {
      this.dialect = (JdbcSourceDialect) dialect;
    }

    List<ForeignKeySchema> old(Connection connection, String table) throws SQLException {
      return new Exposed(dialect).oldReader(connection, table);
    }

    List<ForeignKeySchema> read(Connection connection, String table) throws SQLException {
      return dialect.readTable(connection, table).foreignKeys();
    }
  }

  /** Reaches the base class's metadata reader with the dialect's catalog and schema. */
  private static final class Exposed {
    private final JdbcSourceDialect dialect;

    Exposed(JdbcSourceDialect dialect) {
      this.dialect = dialect;
    }

    List<ForeignKeySchema> oldReader(Connection connection, String table) throws SQLException {
      if (dialect instanceof MariaDbDialect) {
        return new MariaDbDialect() {
          List<ForeignKeySchema> old() throws SQLException {
            return foreignKeysFromMetadata(connection, table);
          }
        }.old();
      }
      if (dialect instanceof PostgreSqlDialect) {
        return new PostgreSqlDialect() {
          List<ForeignKeySchema> old() throws SQLException {
            return foreignKeysFromMetadata(connection, table);
          }
        }.old();
      }
      return new H2Dialect() {
        List<ForeignKeySchema> old() throws SQLException {
          return foreignKeysFromMetadata(connection, table);
        }
      }.old();
    }
  }

  /** A generated table: its name, key columns, plain columns and foreign keys. */
  private record Table(String name, List<String> key, List<String> columns, List<Fk> fks) {

    String ddl(SourceDialect dialect) {
      StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.quoteIdentifier(name)).append(" (");
      for (String k : key) {
        sql.append(dialect.quoteIdentifier(k)).append(" INT NOT NULL, ");
      }
      for (String c : columns) {
        sql.append(dialect.quoteIdentifier(c)).append(" INT, ");
      }
      sql.append("PRIMARY KEY (").append(String.join(", ", key.stream().map(dialect::quoteIdentifier).toList())).append(")");
      for (Fk fk : fks) {
        sql.append(", ");
        if (fk.name != null) {
          sql.append("CONSTRAINT ").append(dialect.quoteIdentifier(fk.name)).append(' ');
        }
        sql.append("FOREIGN KEY (").append(String.join(", ", fk.columns.stream().map(dialect::quoteIdentifier).toList()))
            .append(") REFERENCES ").append(dialect.quoteIdentifier(fk.parent.name)).append(" (")
            .append(String.join(", ", fk.parent.key.stream().map(dialect::quoteIdentifier).toList())).append(")")
            .append(fk.onDelete).append(fk.onUpdate);
      }
      return sql.append(")").toString();
    }
  }

  private record Fk(String name, List<String> columns, Table parent, String onDelete, String onUpdate) {}

  private static Table aTable(Random random, PrimaryKind kind, int index, List<Table> made) {
    String name = NAMES[random.nextInt(NAMES.length)] + "_t" + index;
    List<String> key = new ArrayList<>();
    int keyColumns = 1 + random.nextInt(3);
    for (int k = 0; k < keyColumns; k++) {
      key.add((k == 0 && random.nextBoolean() ? "Id" : "k") + k);
    }
    List<String> columns = new ArrayList<>();
    List<Fk> fks = new ArrayList<>();
    int count = made.isEmpty() ? 0 : random.nextInt(4);
    for (int f = 0; f < count; f++) {
      Table parent = made.get(random.nextInt(made.size()));
      List<String> child = new ArrayList<>();
      for (int c = 0; c < parent.key.size(); c++) {
        String column = NAMES[random.nextInt(NAMES.length)] + "_f" + f + "_" + c;
        columns.add(random.nextInt(columns.size() + 1), column); // declared in another order than the key's
        child.add(column);
      }
      String constraint = random.nextBoolean() ? null : NAMES[random.nextInt(NAMES.length)] + "_fk" + index + "_" + f;
      fks.add(new Fk(constraint, child, parent, action(random, " ON DELETE "), action(random, " ON UPDATE ")));
    }
    if (random.nextInt(5) == 0) {
      columns.add("plain");
    }
    return new Table(name, key, columns, fks);
  }

  private static String action(Random random, String clause) {
    return switch (random.nextInt(6)) {
      case 0 -> clause + "CASCADE";
      case 1 -> clause + "SET NULL";
      case 2 -> clause + "RESTRICT";
      case 3 -> clause + "NO ACTION";
      case 4 -> random.nextInt(4) == 0 ? clause + "SET DEFAULT" : "";
      default -> "";
    };
  }
}

package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.TableSchema;
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
 * The dialects' catalog readers of a whole table ({@code readListedTable}: one {@code information_schema} query
 * besides the driver's {@code getColumns} on MariaDB, one multi-statement round trip on PostgreSQL) against the
 * JDBC-metadata reader they replace: generated tables (every column type the dialect maps, nullability, defaults,
 * auto-increment, identity and generated columns, domains, composite and missing primary keys, unique and plain
 * indexes, partial, expression and covering indexes, foreign keys, triggers, rules, checks, odd identifiers), read
 * through both, must give equal schemas, and so must each table after generated DDL changes it.
 */
class CatalogTableReadersTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final int TABLES = Integer.getInteger("doltsync.test.catalogTables", 24);
  private static final String[] NAMES = {"c", "Col", "with space", "u_nder", "per%cent", "MiXeD", "x1", "back\\slash",
      "quote'd"};

  @ParameterizedTest
  @EnumSource(value = PrimaryKind.class, names = {"MARIADB", "POSTGRES"})
  void theCatalogReaderReadsWhatTheJdbcMetadataReads(PrimaryKind kind) throws Exception {
    Random random = new Random(SEED);
    try (PrimaryKind.Space space = kind.createSpace("catread"); Connection connection = space.connect()) {
      JdbcMetadataDialect dialect = (JdbcMetadataDialect) SourceDialects.forUrl(space.url());
      Shapes shapes = kind == PrimaryKind.MARIADB ? new MariaDbShapes(dialect) : new PostgresShapes(dialect);
      List<String> made = new ArrayList<>();
      int refused = 0;
      for (int t = 0; t < TABLES; t++) {
        String name = NAMES[random.nextInt(NAMES.length)] + "_t" + t;
        for (String sql : shapes.table(random, name, made)) {
          try (Statement s = connection.createStatement()) {
            s.execute(sql);
            if (sql.startsWith("CREATE TABLE")) {
              made.add(name);
            }
          } catch (SQLException notTaken) {
            refused++; // a combination the primary does not take; the generator moves on
            if (Boolean.getBoolean("doltsync.test.showRefused")) {
              System.out.println("[catalog-readers] refused: " + notTaken.getMessage() + " -- " + sql);
            }
          }
        }
      }
      assertThat(made.size()).as("tables created (seed %d, %d statements refused)", SEED, refused)
          .isGreaterThan(TABLES * 2 / 3);
      System.out.printf("[catalog-readers] %s: %d statements refused (seed %d)%n", kind, refused, SEED);
      compareAll(connection, dialect, kind);
      for (String table : made) { // DDL after the fact: added columns and indexes, dropped ones
        for (String sql : shapes.alter(random, table)) {
          try (Statement s = connection.createStatement()) {
            s.execute(sql);
          } catch (SQLException notTaken) {
            refused++;
          }
        }
      }
      compareAll(connection, dialect, kind);
    }
  }

  private static void compareAll(Connection connection, JdbcMetadataDialect dialect, PrimaryKind kind)
      throws SQLException {
    int indexes = 0;
    int foreignKeys = 0;
    int triggers = 0;
    for (String name : dialect.listTables(connection)) {
      TableSchema expected = dialect.readTableFromMetadata(connection, name);
      TableSchema read = dialect.readListedTable(connection, name);
      assertThat(read).as("schema of %s on %s (seed %d)", name, kind, SEED).isEqualTo(expected);
      assertThat(dialect.readTable(connection, name.toUpperCase(java.util.Locale.ROOT)))
          .as("schema of %s read by a name in another case (seed %d)", name, SEED).isEqualTo(expected);
      indexes += read.indexes().size();
      foreignKeys += read.foreignKeys().size();
      triggers += read.triggerSources().size();
    }
    System.out.printf("[catalog-readers] %s: %d tables, %d indexes, %d foreign keys, %d triggers (seed %d)%n", kind,
        dialect.listTables(connection).size(), indexes, foreignKeys, triggers, SEED);
    assertThat(indexes).as("indexes read (seed %d)", SEED).isPositive();
    assertThat(foreignKeys).as("foreign keys read (seed %d)", SEED).isPositive();
    assertThat(triggers).as("triggers read (seed %d)", SEED).isPositive();
  }

  /** Generates one dialect's DDL. */
  private abstract static class Shapes {
    final JdbcMetadataDialect dialect;

    Shapes(JdbcMetadataDialect dialect) {
      this.dialect = dialect;
    }

    String q(String identifier) {
      return dialect.quoteIdentifier(identifier);
    }

    abstract String[] types();

    abstract String autoIncrementColumn();

    abstract String generatedColumn(String source);

    abstract List<String> extras(Random random, String table, List<String> columns);

    abstract String trigger(Random random, String table, String other, int n);

    /** The table's DDL: CREATE TABLE, then indexes, triggers and what else the dialect has. */
    List<String> table(Random random, String name, List<String> made) {
      List<String> sql = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      List<String> definitions = new ArrayList<>();
      int count = 1 + random.nextInt(7);
      boolean autoIncrement = random.nextInt(4) == 0;
      if (autoIncrement) {
        columns.add("id");
        definitions.add(q("id") + " " + autoIncrementColumn());
      }
      for (int c = 0; c < count; c++) {
        String column = NAMES[random.nextInt(NAMES.length)] + "_" + c;
        String type = types()[random.nextInt(types().length)];
        StringBuilder definition = new StringBuilder(q(column)).append(' ').append(type);
        int modifier = random.nextInt(6);
        if (modifier == 0) {
          definition.append(" NOT NULL");
        } else if (modifier == 1 && !type.contains("(text)") && !type.contains("blob")) {
          definition.append(" DEFAULT NULL");
        } else if (modifier == 2 && isNumeric(type)) {
          definition.append(" NOT NULL DEFAULT ").append(random.nextInt(100));
        } else if (modifier == 3 && type.contains("char")) {
          definition.append(" DEFAULT 'x''y'");
        }
        columns.add(column);
        definitions.add(definition.toString());
      }
      if (random.nextInt(4) == 0) {
        String source = columns.stream().filter(c -> !c.equals("id")).findFirst().orElse(columns.get(0));
        columns.add("gen");
        definitions.add(q("gen") + " " + generatedColumn(q(source)));
      }
      List<String> keyable = columns.stream().filter(c -> !c.equals("gen")).toList();
      int key = autoIncrement ? 1 : random.nextInt(3);
      if (key > 0) {
        List<String> keyColumns = autoIncrement ? List.of("id") : keyable.subList(0, Math.min(key, keyable.size()));
        definitions.add((random.nextBoolean() ? "CONSTRAINT " + q(name + "_pk") + " " : "") + "PRIMARY KEY ("
            + String.join(", ", keyColumns.stream().map(this::q).toList()) + ")");
      }
      if (random.nextInt(3) == 0 && keyable.size() > 1) {
        definitions.add("UNIQUE (" + q(keyable.get(keyable.size() - 1)) + ")");
      }
      if (!made.isEmpty() && random.nextInt(3) != 0) {
        String parent = made.get(random.nextInt(made.size()));
        definitions.add((random.nextBoolean() ? "CONSTRAINT " + q(name + "_fk") + " " : "") + "FOREIGN KEY ("
            + q("ref") + ") REFERENCES " + q(parent) + " (" + q("rid") + ")"
            + (random.nextBoolean() ? " ON DELETE CASCADE" : "") + (random.nextBoolean() ? " ON UPDATE SET NULL" : ""));
        columns.add("ref");
        definitions.add(0, q("ref") + " INT");
      }
      columns.add("rid");
      definitions.add(0, q("rid") + " INT NOT NULL UNIQUE");
      sql.add("CREATE TABLE " + q(name) + " (" + String.join(", ", definitions) + ")");
      int indexes = random.nextInt(3);
      for (int i = 0; i < indexes; i++) {
        List<String> indexed = new ArrayList<>();
        for (int c = 0; c <= random.nextInt(3); c++) {
          String column = keyable.get(random.nextInt(keyable.size()));
          if (!indexed.contains(column)) {
            indexed.add(column);
          }
        }
        sql.add("CREATE " + (random.nextBoolean() ? "UNIQUE " : "") + "INDEX " + q(name + "_i" + i) + " ON " + q(name)
            + " (" + String.join(", ", indexed.stream().map(this::q).toList()) + ")");
      }
      sql.addAll(extras(random, name, keyable));
      if (random.nextInt(3) == 0) {
        String other = made.isEmpty() ? name : made.get(random.nextInt(made.size()));
        sql.add(trigger(random, name, other, sql.size()));
        if (random.nextBoolean()) {
          sql.add(trigger(random, name, other, sql.size() + 1));
        }
      }
      return sql;
    }

    /** DDL changing the table after it was read once. */
    List<String> alter(Random random, String table) {
      List<String> sql = new ArrayList<>();
      String type = types()[random.nextInt(types().length)];
      switch (random.nextInt(4)) {
        case 0 -> sql.add("ALTER TABLE " + q(table) + " ADD COLUMN " + q("added") + " " + type);
        case 1 -> sql.add("CREATE INDEX " + q(table + "_later") + " ON " + q(table) + " (" + q("rid") + ")");
        case 2 -> sql.add("ALTER TABLE " + q(table) + " DROP COLUMN " + q("ref"));
        default -> { }
      }
      return sql;
    }

    private static boolean isNumeric(String type) {
      return type.startsWith("int") || type.startsWith("smallint") || type.startsWith("bigint")
          || type.startsWith("decimal") || type.startsWith("numeric") || type.startsWith("tinyint")
          || type.startsWith("double") || type.startsWith("real");
    }
  }

  private static final class MariaDbShapes extends Shapes {
    private static final String[] TYPES = {"int", "int unsigned", "int(5) zerofill", "tinyint(1)", "tinyint unsigned",
        "smallint", "mediumint", "bigint", "bigint unsigned", "decimal(10,2)", "decimal(65,30)", "float", "double",
        "bit(1)", "bit(9)", "enum('a','b c','d''e')", "set('x','y')", "char(3)", "varchar(40)", "varchar(300)",
        "tinytext", "text", "mediumtext", "longtext", "binary(4)", "varbinary(20)", "blob", "longblob", "date",
        "time", "time(3)", "datetime", "datetime(6)", "timestamp NULL", "timestamp(3) NULL", "year", "json", "uuid",
        "inet4", "inet6", "varchar(10) CHARACTER SET latin1", "char(1) COLLATE utf8mb4_bin"};

    MariaDbShapes(JdbcMetadataDialect dialect) {
      super(dialect);
    }

    @Override
    String[] types() {
      return TYPES;
    }

    @Override
    String autoIncrementColumn() {
      return "INT NOT NULL AUTO_INCREMENT";
    }

    @Override
    String generatedColumn(String source) {
      return "VARCHAR(200) AS (CONCAT(" + source + ", 'g'))" + (source.length() % 2 == 0 ? " PERSISTENT" : " VIRTUAL");
    }

    @Override
    List<String> extras(Random random, String table, List<String> columns) {
      List<String> sql = new ArrayList<>();
      if (random.nextBoolean()) {
        sql.add("ALTER TABLE " + q(table) + " ADD CONSTRAINT " + q(table + "_ck") + " CHECK (" + q("rid") + " > -5)");
      }
      if (random.nextBoolean()) {
        sql.add("CREATE INDEX " + q(table + "_prefix") + " ON " + q(table) + " (" + q(columns.get(0)) + "(2))");
      }
      return sql;
    }

    @Override
    String trigger(Random random, String table, String other, int n) {
      String[] timings = {"BEFORE", "AFTER"};
      String[] events = {"INSERT", "UPDATE", "DELETE"};
      return "CREATE TRIGGER " + q(table + "_tr" + n) + " " + timings[random.nextInt(2)] + " " + events[random.nextInt(3)]
          + " ON " + q(table) + " FOR EACH ROW UPDATE " + q(other) + " SET " + q("rid") + " = " + q("rid") + " WHERE 1 = 0";
    }
  }

  private static final class PostgresShapes extends Shapes {
    private static final String[] TYPES = {"int2", "int4", "int8", "integer", "numeric(10,2)", "numeric", "real",
        "double precision", "boolean", "char(3)", "varchar(40)", "varchar", "text", "bytea", "date", "time",
        "time(3)", "timetz", "timestamp", "timestamp(3)", "timestamptz", "json", "jsonb", "uuid", "inet", "cidr",
        "macaddr", "interval", "bit(1)", "bit(5)", "varbit(8)", "int4[]", "text[]", "xml", "money", "point",
        "dom_int", "dom_text", "dom_dom", "dom_num", "mood", "name", "\"char\"", "oid", "tsvector", "smallserial",
        "timestamptz(0)", "interval day", "numeric(5)"};
    private boolean typesCreated;

    PostgresShapes(JdbcMetadataDialect dialect) {
      super(dialect);
    }

    @Override
    String[] types() {
      return TYPES;
    }

    @Override
    List<String> table(Random random, String name, List<String> made) {
      List<String> sql = new ArrayList<>();
      if (!typesCreated) {
        typesCreated = true;
        sql.add("CREATE DOMAIN dom_int AS int4 DEFAULT 7 CHECK (VALUE > 0)");
        sql.add("CREATE DOMAIN dom_text AS varchar(12)");
        sql.add("CREATE DOMAIN dom_dom AS dom_int");
        sql.add("CREATE DOMAIN dom_num AS numeric(8,3) DEFAULT 1.5");
        sql.add("CREATE TYPE mood AS ENUM ('sad', 'ok')");
      }
      sql.addAll(super.table(random, name, made));
      return sql;
    }

    @Override
    String autoIncrementColumn() {
      return "SERIAL";
    }

    @Override
    String generatedColumn(String source) {
      return source.length() % 2 == 0 ? "text GENERATED ALWAYS AS (" + source + "::text || 'g') STORED"
          : "bigint GENERATED BY DEFAULT AS IDENTITY";
    }

    @Override
    List<String> extras(Random random, String table, List<String> columns) {
      List<String> sql = new ArrayList<>();
      String column = q(columns.get(0));
      switch (random.nextInt(5)) {
        case 0 -> sql.add("CREATE INDEX " + q(table + "_partial") + " ON " + q(table) + " (" + q("rid") + ") WHERE "
            + q("rid") + " > 0");
        case 1 -> sql.add("CREATE INDEX " + q(table + "_expr") + " ON " + q(table) + " ((" + q("rid") + " + 1))");
        case 2 -> sql.add("CREATE UNIQUE INDEX " + q(table + "_cover") + " ON " + q(table) + " (" + q("rid") + ") INCLUDE ("
            + column + ")");
        case 3 -> sql.add("CREATE RULE " + q(table + "_rule") + " AS ON DELETE TO " + q(table) + " DO ALSO NOTIFY "
            + q(table + "_n"));
        default -> { }
      }
      return sql;
    }

    @Override
    String trigger(Random random, String table, String other, int n) {
      String function = q(table + "_fn" + n);
      return "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE " + q(other)
          + " SET " + q("rid") + " = " + q("rid") + " WHERE false; RETURN NEW; END $$;"
          + " CREATE TRIGGER " + q(table + "_tr" + n) + (random.nextBoolean() ? " BEFORE" : " AFTER")
          + (random.nextBoolean() ? " INSERT" : " UPDATE OR DELETE") + " ON " + q(table)
          + " FOR EACH ROW EXECUTE FUNCTION " + function + "()";
    }
  }
}

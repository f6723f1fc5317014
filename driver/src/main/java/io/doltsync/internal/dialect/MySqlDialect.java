package io.doltsync.internal.dialect;

import static io.doltsync.internal.dialect.DoltTypes.fixed;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL ({@code jdbc:mysql:}). Dolt speaks MySQL, so most types map to themselves. A column's
 * {@link ColumnSchema#typeName()} is MySQL's full declared type ({@code information_schema.COLUMNS.COLUMN_TYPE},
 * e.g. {@code int(10) unsigned}, {@code enum('a','b')}), because driver metadata loses the enumeration
 * values and {@code tinyint(1)}; a MariaDB {@code JSON} column (a {@code longtext} with a
 * {@code json_valid} check) is reported as {@code json}.
 *
 * <p>Mapping notes: {@code unsigned} is kept on integers ({@code bigint unsigned} values are read as
 * {@link java.math.BigDecimal}), dropped on decimal and floating-point types; {@code zerofill} and
 * integer display widths are dropped except {@code tinyint(1)}; {@code TIME} (a duration of up to
 * ±838 hours) is read as text; {@code TIMESTAMP} stays {@code timestamp}, so the Dolt session that
 * writes it must use the primary session's {@code time_zone}. MariaDB's {@code uuid} becomes
 * {@code char(36)} and {@code inet4}/{@code inet6} {@code varchar(43)}. Spatial types are unmappable.
 */
public class MySqlDialect extends JdbcMetadataDialect {

  static final TypeMapping TYPES = TypeMapping.builder()
      .map(integer("tinyint"), "tinyint")
      .map(integer("smallint"), "smallint")
      .map(integer("mediumint"), "mediumint")
      .map(integer("int"), "int", "integer")
      .map(integer("bigint"), "bigint")
      .map(c -> DoltTypes.decimal(c.size(), c.scale()), "decimal", "numeric")
      .map(fixed("float", ValueKind.FLOAT), "float")
      .map(fixed("double", ValueKind.DOUBLE), "double", "double precision", "real")
      .map(MySqlDialect::bit, "bit")
      .map(MySqlDialect::enumOrSet, "enum", "set")
      .map(c -> DoltTypes.character(c.size()), "char")
      .map(c -> DoltTypes.varchar(c.size(), ValueKind.STRING), "varchar")
      .map(c -> new DoltColumnType(TypeMapping.baseName(c.typeName()), ValueKind.STRING), "tinytext", "text", "mediumtext", "longtext")
      .map(c -> DoltTypes.binary(c.size()), "binary")
      .map(c -> DoltTypes.varbinary(c.size()), "varbinary")
      .map(c -> new DoltColumnType(TypeMapping.baseName(c.typeName()), ValueKind.BYTES), "tinyblob", "blob", "mediumblob", "longblob")
      .map(fixed("date", ValueKind.DATE), "date")
      .map(fixed("time", ValueKind.DURATION), "time")
      .map(c -> DoltTypes.dateTime("datetime", c, 0, ValueKind.DATETIME), "datetime")
      .map(c -> DoltTypes.dateTime("timestamp", c, 0, ValueKind.DATETIME), "timestamp")
      .map(fixed("year", ValueKind.INTEGER), "year")
      .map(DoltTypes.JSON, "json")
      .map(DoltTypes.UUID, "uuid")
      .map(DoltTypes.NETWORK_ADDRESS, "inet4", "inet6")
      .build();

  private final String urlPrefix;

  public MySqlDialect() {
    this("mysql", "jdbc:mysql:");
  }

  protected MySqlDialect(String name, String urlPrefix) {
    super(name, urlPrefix, TYPES);
    this.urlPrefix = urlPrefix;
  }

  /**
   * A {@code FLOAT} column (also {@code FLOAT(p)}, p &le; 24, and {@code FLOAT(m,d)}) as {@code CAST(col AS DOUBLE)}:
   * the text protocol sends a FLOAT with 6 significant digits ({@code 0.1234567} reads {@code 0.123457}), while the
   * double is the float's exact widening, which {@link #readValue} narrows back to the stored float. Needs MariaDB
   * (any supported version) or MySQL 8.0.17+.
   */
  @Override
  public String selectColumn(String qualifier, ColumnSchema column) {
    String quoted = quoteIdentifier(column.name());
    String named = (qualifier == null ? "" : qualifier + ".") + quoted;
    return isFloat(column) ? "CAST(" + named + " AS DOUBLE) AS " + quoted : named;
  }

  private static boolean isFloat(ColumnSchema column) {
    return column.typeName() != null && TypeMapping.baseName(column.typeName()).equals("float");
  }

  @Override
  public boolean supports(String jdbcUrl) {
    return hasPrefix(jdbcUrl, urlPrefix);
  }

  /** The base tables (and MariaDB system-versioned tables) of the current database. */
  @Override
  public List<String> listTables(Connection connection) throws SQLException {
    return queryStrings(connection, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
        + " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME");
  }

  @Override
  protected String schema(Connection connection) {
    return null;
  }

  /**
   * The driver's columns with their declared types and {@code ON UPDATE} expressions, both read in one query of
   * {@code information_schema.COLUMNS} ({@code EXTRA} says {@code on update current_timestamp()}, including for a
   * first TIMESTAMP column that {@code explicit_defaults_for_timestamp=OFF} made so implicitly).
   */
  @Override
  protected List<ColumnSchema> readColumns(Connection connection, String table) throws SQLException {
    Map<String, String> declaredTypes = new HashMap<>();
    Map<String, String> onUpdate = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE, EXTRA"
        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          declaredTypes.put(rs.getString(1), rs.getString(2));
          String expression = onUpdateExpression(rs.getString(3));
          if (expression != null) {
            onUpdate.put(rs.getString(1), expression);
          }
        }
      }
    }
    Set<String> jsonColumns = new HashSet<>();
    if (isMariaDb(connection.getMetaData())) {
      try (PreparedStatement statement = connection.prepareStatement("SELECT CONSTRAINT_NAME, CHECK_CLAUSE"
          + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
        statement.setString(1, table);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            addIfJsonCheck(jsonColumns, rs.getString(1), rs.getString(2));
          }
        }
      }
    }
    return withDeclaredTypes(super.readColumns(connection, table), declaredTypes, onUpdate, jsonColumns);
  }

  /**
   * The driver's columns with MySQL's full declared types and {@code ON UPDATE} expressions, and {@code json} for
   * MariaDB's JSON columns.
   */
  private static List<ColumnSchema> withDeclaredTypes(List<ColumnSchema> driverColumns, Map<String, String> declaredTypes,
      Map<String, String> onUpdate, Set<String> jsonColumns) {
    List<ColumnSchema> columns = new ArrayList<>();
    for (ColumnSchema c : driverColumns) {
      String typeName = jsonColumns.contains(c.name()) ? "json" : declaredTypes.getOrDefault(c.name(), c.typeName());
      columns.add(new ColumnSchema(c.name(), c.jdbcType(), typeName, c.size(), c.scale(), c.nullable(), c.autoIncrement(),
          c.defaultValue(), onUpdate.get(c.name())));
    }
    return columns;
  }

  /**
   * The {@code ON UPDATE} expression in a column's {@code EXTRA} ({@code on update current_timestamp(6)} on
   * MariaDB, {@code DEFAULT_GENERATED on update CURRENT_TIMESTAMP} on MySQL), or {@code null}.
   */
  static String onUpdateExpression(String extra) {
    if (extra == null) {
      return null;
    }
    int at = extra.toLowerCase(Locale.ROOT).indexOf("on update ");
    return at < 0 ? null : extra.substring(at + "on update ".length()).strip();
  }

  /**
   * The table in two round trips instead of eight: the driver's {@code getColumns} (whose JDBC types depend on the
   * connection's options), then one {@code information_schema} query ({@link #CATALOG_QUERY}) for the declared
   * column types, MariaDB's JSON checks, the primary key and indexes ({@code STATISTICS}, as the driver's
   * {@code getPrimaryKeys} and {@code getIndexInfo} read them), the foreign keys and the triggers, each part in the
   * order its own query would give. The same schema as {@link #tableFromMetadata} (proved by
   * {@code CatalogTableReadersTest}). {@link MariaDbDialect} reads tables so; through MySQL Connector/J (whose
   * {@code getIndexInfo} sorts index names in Java) tables are read through the JDBC metadata.
   */
  TableSchema readFromCatalog(Connection connection, String table) throws SQLException {
    boolean mariaDb = isMariaDb(connection.getMetaData());
    Map<String, String> declaredTypes = new HashMap<>();
    Map<String, String> onUpdate = new HashMap<>();
    Set<String> jsonColumns = new HashSet<>();
    CatalogIndexes indexes = new CatalogIndexes();
    CatalogForeignKeys foreignKeys = new CatalogForeignKeys(MySqlDialect::referentialRule);
    List<String> triggers = new ArrayList<>();
    String sql = mariaDb ? CATALOG_QUERY.replace("/*checks*/", CHECKS_PART) : CATALOG_QUERY;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int parameters = mariaDb ? 5 : 4;
      for (int p = 1; p <= parameters; p++) {
        statement.setString(p, table);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          switch (rs.getInt(1)) {
            case 1 -> {
              declaredTypes.put(rs.getString(3), rs.getString(4));
              String expression = onUpdateExpression(rs.getString(5));
              if (expression != null) {
                onUpdate.put(rs.getString(3), expression);
              }
            }
            case 2 -> addIfJsonCheck(jsonColumns, rs.getString(3), rs.getString(4));
            case 3 -> {
              int position = Integer.parseInt(rs.getString(6));
              if ("PRIMARY".equals(rs.getString(3))) {
                indexes.keyColumn(rs.getString(3), position, rs.getString(4));
              }
              indexes.indexColumn(rs.getString(3), "0".equals(rs.getString(5)), position, rs.getString(4), null);
            }
            case 4 -> foreignKeys.add(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8));
            default -> triggers.add(triggerStatement(rs.getString(3), rs.getString(4), rs.getString(5), table,
                rs.getString(6)));
          }
        }
      }
    }
    List<ColumnSchema> columns = withDeclaredTypes(super.readColumns(connection, table), declaredTypes, onUpdate,
        jsonColumns);
    return new TableSchema(table, columns, indexes.primaryKey(), indexes.indexes(columns), foreignKeys.keys(), triggers);
  }

  /**
   * One row per fact, {@code (part, sequence, values...)} ordered by part and sequence: 1 declared column types and
   * {@code EXTRA} (the {@code ON UPDATE} expression),
   * 2 (MariaDB) check constraints, 3 index columns in {@code getIndexInfo}'s order, 4 foreign-key columns in
   * {@link #readForeignKeys}' order, 5 triggers in {@link #readTriggers}' order. Each part takes the table name.
   */
  private static final String CATALOG_QUERY = "SELECT 1 part, 0 seq, COLUMN_NAME v1, COLUMN_TYPE v2, EXTRA v3,"
      + " NULL v4, NULL v5, NULL v6 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
      + "/*checks*/"
      + " UNION ALL SELECT 3, ROW_NUMBER() OVER (ORDER BY NON_UNIQUE, INDEX_NAME, SEQ_IN_INDEX), INDEX_NAME, COLUMN_NAME,"
      + " NON_UNIQUE, SEQ_IN_INDEX, NULL, NULL FROM information_schema.STATISTICS"
      + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"
      + " UNION ALL SELECT 4, ROW_NUMBER() OVER (ORDER BY CAST(k.REFERENCED_TABLE_NAME AS BINARY),"
      + " CAST(k.CONSTRAINT_NAME AS BINARY), k.ORDINAL_POSITION), k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME,"
      + " k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
      + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
      + " AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
      + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
      + " UNION ALL SELECT 5, ROW_NUMBER() OVER (ORDER BY ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER), TRIGGER_NAME,"
      + " ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT, NULL, NULL FROM information_schema.TRIGGERS"
      + " WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ?"
      + " ORDER BY part, seq";

  /** MariaDB's check constraints (MySQL's {@code CHECK_CONSTRAINTS} has no table name). */
  private static final String CHECKS_PART = " UNION ALL SELECT 2, 0, CONSTRAINT_NAME, CHECK_CLAUSE, NULL, NULL, NULL, NULL"
      + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?";

  /**
   * The foreign keys from {@code information_schema} in one query (Connector/J's {@code getImportedKeys} runs
   * {@code SHOW CREATE TABLE} for the table and every table it references).
   */
  @Override
  protected List<ForeignKeySchema> readForeignKeys(Connection connection, String table) throws SQLException {
    return CatalogForeignKeys.read(connection, "SELECT k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME, k.COLUMN_NAME,"
        + " k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
        + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
        + " AND r.TABLE_NAME = k.TABLE_NAME AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
        + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
        + " ORDER BY CAST(k.REFERENCED_TABLE_NAME AS BINARY), CAST(k.CONSTRAINT_NAME AS BINARY), k.ORDINAL_POSITION", table,
        MySqlDialect::referentialRule);
  }

  /** A rule of {@code information_schema.REFERENTIAL_CONSTRAINTS}. */
  static ForeignKeySchema.Action referentialRule(String rule) {
    return switch (rule == null ? "" : rule) {
      case "CASCADE" -> ForeignKeySchema.Action.CASCADE;
      case "SET NULL" -> ForeignKeySchema.Action.SET_NULL;
      case "SET DEFAULT" -> ForeignKeySchema.Action.SET_DEFAULT;
      case "RESTRICT" -> ForeignKeySchema.Action.RESTRICT;
      default -> ForeignKeySchema.Action.NO_ACTION;
    };
  }

  /** {@code CREATE TRIGGER} statements rebuilt from {@code information_schema.TRIGGERS}. */
  @Override
  protected List<String> readTriggers(Connection connection, String table) throws SQLException {
    List<String> triggers = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION,"
        + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ?"
        + " ORDER BY ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          triggers.add(triggerStatement(rs.getString(1), rs.getString(2), rs.getString(3), table, rs.getString(4)));
        }
      }
    }
    return triggers;
  }

  private String triggerStatement(String name, String timing, String event, String table, String body) {
    return "CREATE TRIGGER " + quoteIdentifier(name) + " " + timing + " " + event + " ON " + quoteIdentifier(table)
        + " FOR EACH ROW " + body;
  }

  @Override
  public String beginTransactionStatement() {
    return "START TRANSACTION";
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public List<String> createJournalTable(String tableName) {
    return List.of("CREATE TABLE IF NOT EXISTS " + quoteIdentifier(tableName) + " ("
        + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
        + "txn VARCHAR(36) NOT NULL, "
        + "chunk INT NOT NULL, "
        + "chunks INT NOT NULL, "
        + "created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), "
        + "instance VARCHAR(255), "
        + "payload LONGBLOB, "
        + "KEY " + quoteIdentifier(tableName + "_txn") + " (txn)"
        + ") ENGINE=InnoDB");
  }

  /** Repeatable read (InnoDB's snapshot isolation) with the snapshot taken at once, read only. */
  @Override
  public void beginConsistentSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    }
  }

  private static boolean isMariaDb(DatabaseMetaData metaData) throws SQLException {
    return (metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion())
        .toLowerCase(Locale.ROOT).contains("mariadb");
  }

  /** MariaDB's JSON is {@code longtext} with a column check {@code json_valid(`c`)} named after the column. */
  private static void addIfJsonCheck(Set<String> jsonColumns, String constraint, String clause) {
    if (("json_valid(`" + constraint.replace("`", "``") + "`)").equalsIgnoreCase(clause.trim())) {
      jsonColumns.add(constraint);
    }
  }

  /** Integers keep their width and signedness; {@code tinyint(1)}, MySQL's boolean, keeps its display width. */
  private static TypeRule integer(String type) {
    return column -> {
      String declared = column.typeName().toLowerCase(Locale.ROOT);
      boolean unsigned = declared.contains("unsigned");
      if (!unsigned && declared.startsWith("tinyint(1)")) {
        return new DoltColumnType("tinyint(1)", ValueKind.INTEGER);
      }
      ValueKind kind = unsigned && type.equals("bigint") ? ValueKind.UNSIGNED_BIGINT : ValueKind.INTEGER;
      return new DoltColumnType(unsigned ? type + " unsigned" : type, kind);
    };
  }

  /** {@code bit(1)} holds a boolean; wider bit fields hold numbers. */
  private static DoltColumnType bit(ColumnSchema column) {
    int width = column.size() == null ? 1 : column.size();
    return new DoltColumnType("bit(" + width + ")", width == 1 ? ValueKind.BOOLEAN : ValueKind.INTEGER);
  }

  /**
   * An ENUM or SET keeps its declared type, except one with a backslash in a value: Dolt cannot hold that
   * in an ENUM or SET (even escaped), so it becomes a varchar long enough for any of its values (the type
   * text is longer than any value, and than any SET combination).
   */
  private static DoltColumnType enumOrSet(ColumnSchema column) {
    String type = column.typeName();
    return type.indexOf('\\') < 0 ? new DoltColumnType(type, ValueKind.STRING)
        : DoltTypes.varchar(type.length(), ValueKind.STRING);
  }
}

package io.doltsync.internal.dialect;

import static io.doltsync.internal.dialect.DoltTypes.fixed;

import io.doltsync.spi.ColumnSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * H2 2.x ({@code jdbc:h2:}, in any mode but Oracle's, which {@link H2OracleModeDialect} handles).
 * Tables are those of the current schema, with names as H2 stores them (unquoted names in upper case).
 *
 * <p>Mapping notes: {@code DECFLOAT} becomes {@code decimal(65,30)}; {@code NUMERIC} without precision
 * (H2 gives it precision 100000, scale 0) {@code decimal(65,0)}; {@code CHARACTER LARGE OBJECT}
 * {@code longtext}; {@code BINARY LARGE OBJECT} {@code longblob}; zoned times and timestamps hold UTC;
 * {@code ENUM} keeps its values (see {@link EnumValues}); arrays become {@code json} arrays; intervals and {@code UUID} become
 * text. {@code GEOMETRY}, {@code JAVA_OBJECT} and {@code ROW} are unmappable.
 */
public class H2Dialect extends JdbcMetadataDialect {

  static final TypeMapping TYPES = TypeMapping.builder()
      .map(fixed("tinyint", ValueKind.INTEGER), "tinyint")
      .map(fixed("smallint", ValueKind.INTEGER), "smallint")
      .map(fixed("int", ValueKind.INTEGER), "integer", "int")
      .map(fixed("bigint", ValueKind.INTEGER), "bigint")
      .map(c -> DoltTypes.decimal(c.size(), c.scale()), "numeric", "decimal")
      .map(c -> DoltTypes.UNCONSTRAINED_DECIMAL, "decfloat")
      .map(fixed("float", ValueKind.FLOAT), "real")
      .map(fixed("double", ValueKind.DOUBLE), "double precision", "float")
      .map(DoltTypes.BOOLEAN, "boolean")
      .map(c -> DoltTypes.character(c.size()), "character", "char")
      .map(c -> DoltTypes.varchar(c.size(), ValueKind.STRING), "character varying", "varchar", "varchar_ignorecase")
      .map(DoltTypes.TEXT, "character large object", "clob")
      .map(c -> DoltTypes.binary(c.size()), "binary")
      .map(c -> DoltTypes.varbinary(c.size()), "binary varying", "varbinary")
      .map(DoltTypes.BLOB, "binary large object", "blob")
      .map(fixed("date", ValueKind.DATE), "date")
      .map(fixed("time", ValueKind.TIME), "time")
      .map(fixed("time", ValueKind.TIME_UTC), "time with time zone")
      .map(c -> DoltTypes.dateTime("datetime", c, 6, ValueKind.DATETIME), "timestamp")
      .map(c -> DoltTypes.dateTime("datetime", c, 6, ValueKind.DATETIME_UTC), "timestamp with time zone")
      .map(DoltTypes.UUID, "uuid")
      .map(DoltTypes.JSON, "json")
      .map(c -> EnumValues.doltType(c.typeName()), "enum")
      .mapIf(c -> TypeMapping.baseName(c.typeName()).startsWith("interval "), DoltTypes.INTERVAL)
      .mapIf(c -> TypeMapping.baseName(c.typeName()).endsWith(" array"), DoltTypes.ARRAY)
      .build();

  public H2Dialect() {
    super("h2", "jdbc:h2:", TYPES);
  }

  /**
   * The driver's columns, where a column over a domain without a default of its own gets the nearest domain's
   * default in its chain (H2's metadata reports only the column's own): what an INSERT leaving it out stores; and
   * each column's {@code ON UPDATE} expression, its own or the nearest domain's, read in the same query.
   */
  @Override
  protected List<ColumnSchema> readColumns(Connection connection, String table) throws SQLException {
    java.util.Map<String, String> domainDefaults = new java.util.HashMap<>();
    java.util.Map<String, String> onUpdate = new java.util.HashMap<>();
    try (PreparedStatement columns = connection.prepareStatement("SELECT COLUMN_NAME, DOMAIN_SCHEMA, DOMAIN_NAME,"
        + " COLUMN_ON_UPDATE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA() AND TABLE_NAME = ?"
        + " AND (DOMAIN_NAME IS NOT NULL OR COLUMN_ON_UPDATE IS NOT NULL)")) {
      columns.setString(1, table);
      try (ResultSet rs = columns.executeQuery()) {
        while (rs.next()) {
          String[] domain = rs.getString(3) == null ? new String[2] : domainFacts(connection, rs.getString(2), rs.getString(3));
          if (domain[0] != null) {
            domainDefaults.put(rs.getString(1), domain[0]);
          }
          String expression = rs.getString(4) != null ? rs.getString(4) : domain[1];
          if (expression != null) {
            onUpdate.put(rs.getString(1), expression);
          }
        }
      }
    }
    List<ColumnSchema> read = super.readColumns(connection, table);
    if (domainDefaults.isEmpty() && onUpdate.isEmpty()) {
      return read;
    }
    List<ColumnSchema> columns = new ArrayList<>(read.size());
    for (ColumnSchema c : read) {
      String inherited = c.defaultValue() == null ? domainDefaults.get(c.name()) : null;
      ColumnSchema column = inherited == null ? c : new ColumnSchema(c.name(), c.jdbcType(), c.typeName(), c.size(),
          c.scale(), c.nullable(), c.autoIncrement(), inherited);
      columns.add(column.withOnUpdate(onUpdate.get(c.name())));
    }
    return columns;
  }

  /**
   * The default and the {@code ON UPDATE} expression of the domain or of the nearest parent domain that has
   * each ({@code null} where none has).
   */
  private static String[] domainFacts(Connection connection, String schema, String domain) throws SQLException {
    String[] found = new String[2];
    try (PreparedStatement domains = connection.prepareStatement("SELECT DOMAIN_DEFAULT, DOMAIN_ON_UPDATE,"
        + " PARENT_DOMAIN_SCHEMA, PARENT_DOMAIN_NAME FROM INFORMATION_SCHEMA.DOMAINS WHERE DOMAIN_SCHEMA = ?"
        + " AND DOMAIN_NAME = ?")) {
      for (int depth = 0; domain != null && (found[0] == null || found[1] == null) && depth < 64; depth++) {
        domains.setString(1, schema);
        domains.setString(2, domain);
        try (ResultSet rs = domains.executeQuery()) {
          if (!rs.next()) {
            break;
          }
          found[0] = found[0] != null ? found[0] : rs.getString(1);
          found[1] = found[1] != null ? found[1] : rs.getString(2);
          schema = rs.getString(3);
          domain = rs.getString(4);
        }
      }
    }
    return found;
  }

  @Override
  public boolean supports(String jdbcUrl) {
    return hasPrefix(jdbcUrl, H2Support.URL_PREFIX) && !H2Support.isOracleMode(jdbcUrl);
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
}

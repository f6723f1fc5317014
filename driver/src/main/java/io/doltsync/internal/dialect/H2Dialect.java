package io.doltsync.internal.dialect;

import static io.doltsync.internal.dialect.DoltTypes.fixed;

import java.sql.Connection;
import java.sql.SQLException;
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

package io.doltsync.internal.dialect;

import static io.doltsync.internal.dialect.DoltTypes.fixed;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.ForeignKeySchema;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL ({@code jdbc:postgresql:}). Tables are those of {@code current_schema()}; a partitioned
 * table is listed, its partitions are not. A column over a domain is reported with the domain's base
 * type and, when it has no default of its own, the domain's default. Triggers are given as their {@code CREATE TRIGGER} statement followed by the
 * {@code CREATE FUNCTION} of the function they execute.
 *
 * <p>Mapping notes: {@code numeric} without precision becomes {@code decimal(65,30)}; {@code text} and
 * unbounded {@code varchar} {@code longtext}; {@code timestamptz} and {@code timetz} hold UTC;
 * {@code json}/{@code jsonb} become {@code json}; arrays become {@code json} arrays; {@code uuid},
 * network addresses, {@code interval}, bit strings, {@code xml} and enumerated types become text.
 * Geometric, range, full-text and composite types are unmappable, and so is {@code money}, whose text
 * form (the only one the driver reads) depends on {@code lc_monetary}.
 */
public class PostgreSqlDialect extends JdbcMetadataDialect {

  static final TypeMapping TYPES = TypeMapping.builder()
      .map(fixed("smallint", ValueKind.INTEGER), "int2", "smallint", "smallserial")
      .map(fixed("int", ValueKind.INTEGER), "int4", "integer", "int", "serial")
      .map(fixed("bigint", ValueKind.INTEGER), "int8", "bigint", "bigserial")
      .map(c -> DoltTypes.decimal(c.size(), c.scale()), "numeric", "decimal")
      .map(fixed("float", ValueKind.FLOAT), "float4", "real")
      .map(fixed("double", ValueKind.DOUBLE), "float8", "double precision")
      .map(DoltTypes.BOOLEAN, "bool", "boolean")
      .map(c -> DoltTypes.character(c.size()), "bpchar", "char", "character")
      .map(c -> DoltTypes.varchar(c.size(), ValueKind.STRING), "varchar", "character varying")
      .map(DoltTypes.TEXT, "text", "xml")
      .map(fixed("varchar(63)", ValueKind.STRING), "name")
      .map(DoltTypes.BLOB, "bytea")
      .map(fixed("date", ValueKind.DATE), "date")
      .map(fixed("time", ValueKind.TIME), "time")
      .map(fixed("time", ValueKind.TIME_UTC), "timetz")
      .map(c -> DoltTypes.dateTime("datetime", c, 6, ValueKind.DATETIME), "timestamp")
      .map(c -> DoltTypes.dateTime("datetime", c, 6, ValueKind.DATETIME_UTC), "timestamptz")
      .map(DoltTypes.JSON, "json", "jsonb")
      .map(DoltTypes.UUID, "uuid")
      .map(DoltTypes.NETWORK_ADDRESS, "inet", "cidr", "macaddr", "macaddr8")
      .map(DoltTypes.INTERVAL, "interval")
      .map(PostgreSqlDialect::bitString, "bit")
      .map(c -> DoltTypes.varchar(c.size(), ValueKind.STRING), "varbit")
      .mapIf(c -> c.typeName().startsWith("_"), DoltTypes.ARRAY)
      .mapIf(c -> c.jdbcType() == Types.VARCHAR || c.jdbcType() == Types.CHAR, DoltTypes.TEXT)
      .build();

  public PostgreSqlDialect() {
    super("postgresql", "jdbc:postgresql:", TYPES);
  }

  /**
   * A {@code real} column as {@code CAST(col AS float8) AS col}. pgjdbc asks for {@code extra_float_digits=3}, which
   * makes PostgreSQL 12+ send a real's shortest exact text, but an application may {@code SET extra_float_digits = 0}
   * in the session doltsync reads through, and a real then comes with 6 significant digits; its exact widening comes
   * with 15, enough to give back the stored float.
   */
  @Override
  public String selectColumn(String qualifier, ColumnSchema column) {
    String quoted = quoteIdentifier(column.name());
    String named = (qualifier == null ? "" : qualifier + ".") + quoted;
    if (column.typeName() == null) {
      return named;
    }
    String base = TypeMapping.baseName(column.typeName());
    return base.equals("float4") || base.equals("real") ? "CAST(" + named + " AS float8) AS " + quoted : named;
  }

  @Override
  public boolean supports(String jdbcUrl) {
    return hasPrefix(jdbcUrl, "jdbc:postgresql:");
  }

  /** Ordinary and partitioned tables of {@code current_schema()}, without partitions. */
  @Override
  public List<String> listTables(Connection connection) throws SQLException {
    return queryStrings(connection, "SELECT c.relname FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname");
  }

  /** Replaces a domain (which the driver reports by its own name) by its base type, length and precision. */
  @Override
  protected List<ColumnSchema> readColumns(Connection connection, String table) throws SQLException {
    Map<String, DomainBase> domains = new HashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(DOMAINS_QUERY)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          domains.put(rs.getString(1), domainBase(rs));
        }
      }
    }
    return withDomainBases(super.readColumns(connection, table), domains);
  }

  private static List<ColumnSchema> withDomainBases(List<ColumnSchema> driverColumns, Map<String, DomainBase> domains) {
    List<ColumnSchema> columns = new ArrayList<>();
    for (ColumnSchema column : driverColumns) {
      DomainBase base = domains.get(column.name());
      columns.add(base == null ? column : base.applyTo(column));
    }
    return columns;
  }

  private static DomainBase domainBase(ResultSet rs) throws SQLException {
    return new DomainBase(rs.getString(2), nullableInt(rs, 3), nullableInt(rs, 4), nullableInt(rs, 5),
        nullableInt(rs, 6), nullableInt(rs, 7), rs.getString(8));
  }

  /** The base type of each column over a domain, and the default of the nearest domain in its chain that has one. */
  private static final String DOMAINS_QUERY = "SELECT column_name, udt_name, character_maximum_length,"
      + " numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision,"
      // the default of the nearest domain in the chain that has one: what an INSERT leaving the column out stores
      + " (WITH RECURSIVE chain(base, def, depth) AS (SELECT t.typbasetype, t.typdefault, 0 FROM pg_catalog.pg_type t"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = c.domain_schema"
      + " AND t.typname = c.domain_name UNION ALL SELECT t.typbasetype, t.typdefault, chain.depth + 1"
      + " FROM pg_catalog.pg_type t JOIN chain ON t.oid = chain.base WHERE t.typtype = 'd')"
      + " SELECT def FROM chain WHERE def IS NOT NULL ORDER BY depth LIMIT 1)"
      + " FROM information_schema.columns c"
      + " WHERE table_schema = current_schema() AND table_name = ? AND domain_name IS NOT NULL";

  /**
   * The table in one round trip instead of about ten: seven catalog queries ({@link #CATALOG_QUERIES}: the current
   * schema, domain bases, the primary key and the indexes as pgjdbc's {@code getPrimaryKeys} and
   * {@code getIndexInfo} read them, foreign keys, triggers, rules) and the columns as pgjdbc's {@code getColumns}
   * reports them ({@link PostgresCatalogColumns}; where it cannot be used, pgjdbc's {@code getColumns} in a second
   * round trip). The same schema as {@link #tableFromMetadata} (proved by {@code CatalogTableReadersTest}). None of
   * these queries opens the table, so reading it does not wait behind another session's uncommitted DDL of it, except
   * for a trigger with a {@code WHEN} condition or a rule, whose text PostgreSQL decodes only with the table open.
   */
  @Override
  public TableSchema readListedTable(Connection connection, String table) throws SQLException {
    String schema = null;
    Map<String, DomainBase> domains = new HashMap<>();
    CatalogIndexes indexes = new CatalogIndexes();
    CatalogForeignKeys foreignKeys = new CatalogForeignKeys(PostgreSqlDialect::referentialAction);
    List<String> triggers = new ArrayList<>();
    PostgresCatalogColumns catalogColumns = PostgresCatalogColumns.usable(connection);
    List<PostgresCatalogColumns.Row> columnRows = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(catalogColumns == null ? CATALOG_QUERIES
        : CATALOG_QUERIES + "; " + PostgresCatalogColumns.QUERY)) {
      for (int p = catalogColumns == null ? 6 : 7; p >= 1; p--) {
        statement.setString(p, table);
      }
      boolean isResult = statement.execute();
      for (int part = 0; isResult || statement.getUpdateCount() != -1; part++) {
        if (!isResult) {
          throw new SQLException("catalog query " + part + " of table " + table + " returned no rows");
        }
        try (ResultSet rs = statement.getResultSet()) {
          while (rs.next()) {
            switch (part) {
              case 0 -> schema = rs.getString(1);
              case 1 -> domains.put(rs.getString(1), domainBase(rs));
              case 2 -> indexes.keyColumn(rs.getString(1), rs.getInt(2), rs.getString(3));
              case 3 -> indexes.indexColumn(rs.getString(2), !rs.getBoolean(1), rs.getShort(3), rs.getString(4),
                  rs.getString(5));
              case 4 -> foreignKeys.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                  rs.getString(5), rs.getString(6));
              case 5, 6 -> triggers.add(rs.getString(1));
              default -> columnRows.add(PostgresCatalogColumns.Row.of(rs));
            }
          }
        }
        isResult = statement.getMoreResults();
      }
    }
    List<ColumnSchema> driverColumns = catalogColumns == null ? null : catalogColumns.columns(columnRows);
    if (driverColumns == null) {
      driverColumns = columnsFromMetadata(connection, schema, table);
    }
    List<ColumnSchema> columns = withDomainBases(driverColumns, domains);
    return new TableSchema(table, columns, indexes.primaryKey(), indexes.indexes(columns), foreignKeys.keys(), triggers);
  }

  private static final String FOREIGN_KEYS_QUERY = "SELECT con.conname, pk.relname, a.attname, pa.attname,"
      + " con.confupdtype::text, con.confdeltype::text FROM pg_catalog.pg_constraint con"
      + " JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      + " JOIN pg_catalog.pg_class pk ON pk.oid = con.confrelid"
      + " CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, pkattnum, pos)"
      + " JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum"
      + " JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.pkattnum"
      + " WHERE con.contype = 'f' AND n.nspname = current_schema() AND c.relname = ?"
      + " ORDER BY pk.relname, con.conname, k.pos";

  private static final String TRIGGERS_QUERY =
      "SELECT pg_catalog.pg_get_triggerdef(t.oid) || E';\\n' || pg_catalog.pg_get_functiondef(t.tgfoid)"
      + " FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = current_schema() AND c.relname = ? AND NOT t.tgisinternal ORDER BY t.tgname";

  private static final String RULES_QUERY = "SELECT pg_catalog.pg_get_ruledef(r.oid)"
      + " FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = current_schema() AND c.relname = ? AND c.relkind IN ('r', 'p')"
      + " AND r.rulename <> '_RETURN' ORDER BY r.rulename";

  /**
   * Seven queries sent in one round trip, each but the first taking the table name: the current schema; domain
   * bases ({@link #DOMAINS_QUERY}); primary-key columns (constraint name, key position, column) as pgjdbc's
   * {@code getPrimaryKeys}; index columns (non-unique, index name, position, column or null for an expression,
   * the partial index's filter as its stored node tree or null) in pgjdbc's {@code getIndexInfo} order
   * (non-unique, index type, name, position); foreign keys; triggers; rules. The index columns are read from
   * {@code pg_attribute} ({@code pg_get_indexdef}'s name of a plain column is its quoted name, trimmed as here;
   * an expression or a filter only makes the index one Dolt does not get, so neither is decoded): decoding them
   * opens the table, which waits behind another session's uncommitted DDL of it where the raw driver does not.
   */
  private static final String CATALOG_QUERIES = "SELECT current_schema(); "
      + DOMAINS_QUERY + "; "
      + "SELECT con.conname, k.n, a.attname FROM pg_catalog.pg_constraint con"
      + " JOIN pg_catalog.pg_class ct ON ct.oid = con.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace"
      + " CROSS JOIN LATERAL information_schema._pg_expandarray(con.conkey) k"
      + " JOIN pg_catalog.pg_attribute a ON a.attrelid = ct.oid AND a.attnum = k.x"
      + " WHERE con.contype = 'p' AND n.nspname = current_schema() AND ct.relname = ? ORDER BY con.conname, k.n; "
      + "SELECT NOT i.indisunique, ci.relname, k.n, trim(both '\"' from quote_ident(a.attname)), i.indpred::text"
      + " FROM pg_catalog.pg_class ct"
      + " JOIN pg_catalog.pg_namespace n ON n.oid = ct.relnamespace JOIN pg_catalog.pg_index i ON i.indrelid = ct.oid"
      + " JOIN pg_catalog.pg_class ci ON ci.oid = i.indexrelid JOIN pg_catalog.pg_am am ON am.oid = ci.relam"
      + " CROSS JOIN LATERAL information_schema._pg_expandarray(i.indkey) k"
      + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ct.oid AND a.attnum = k.x AND k.x <> 0"
      + " WHERE n.nspname = current_schema() AND ct.relname = ?"
      + " ORDER BY 1, CASE WHEN i.indisclustered THEN 1 WHEN am.amname = 'hash' THEN 2 ELSE 3 END, ci.relname, k.n; "
      + FOREIGN_KEYS_QUERY + "; " + TRIGGERS_QUERY + "; " + RULES_QUERY;

  /**
   * The foreign keys from {@code pg_constraint} in one query (pgjdbc's {@code getImportedKeys} query takes ~30 ms
   * a table), the same rows: every foreign-key constraint of the table in {@code current_schema()}.
   */
  @Override
  protected List<ForeignKeySchema> readForeignKeys(Connection connection, String table) throws SQLException {
    return CatalogForeignKeys.read(connection, FOREIGN_KEYS_QUERY, table, PostgreSqlDialect::referentialAction);
  }

  /** A {@code pg_constraint.confupdtype}/{@code confdeltype} code. */
  static ForeignKeySchema.Action referentialAction(String code) {
    return switch (code == null ? "" : code) {
      case "c" -> ForeignKeySchema.Action.CASCADE;
      case "n" -> ForeignKeySchema.Action.SET_NULL;
      case "d" -> ForeignKeySchema.Action.SET_DEFAULT;
      case "r" -> ForeignKeySchema.Action.RESTRICT;
      default -> ForeignKeySchema.Action.NO_ACTION;
    };
  }

  /**
   * The table's triggers, and its rewrite rules ({@code CREATE RULE ... DO ALSO/INSTEAD ...}), which act like
   * triggers: they may write other tables, or store something other than the statement says (and a
   * conditional {@code DO INSTEAD} rule refuses {@code RETURNING}).
   */
  @Override
  protected List<String> readTriggers(Connection connection, String table) throws SQLException {
    List<String> sources = new ArrayList<>(queryStrings(connection, TRIGGERS_QUERY, table));
    sources.addAll(queryStrings(connection, RULES_QUERY, table));
    return sources;
  }

  @Override
  public String lockingClause(String qualifier) {
    return " FOR UPDATE OF " + qualifier;
  }

  @Override
  public String shareLockTable(String quotedTable) {
    return "LOCK TABLE " + quotedTable + " IN SHARE MODE";
  }

  @Override
  public boolean failedStatementAbortsTransaction() {
    return true;
  }

  @Override
  public boolean ddlCommitsImplicitly() {
    return false;
  }

  @Override
  public List<String> createJournalTable(String tableName) {
    String table = quoteIdentifier(tableName);
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + table + " ("
            + "id BIGSERIAL PRIMARY KEY, "
            + "txn VARCHAR(36) NOT NULL, "
            + "chunk INTEGER NOT NULL, "
            + "chunks INTEGER NOT NULL, "
            + "created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "
            + "instance VARCHAR(255), "
            + "payload BYTEA)",
        "CREATE INDEX IF NOT EXISTS " + quoteIdentifier(tableName + "_txn") + " ON " + table + " (txn)");
  }

  /** Repeatable read, PostgreSQL's snapshot isolation, read only; the snapshot is taken by the first query. */
  @Override
  public void beginConsistentSnapshot(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }
  }

  private static Integer nullableInt(ResultSet rs, int index) throws SQLException {
    int value = rs.getInt(index);
    return rs.wasNull() ? null : value;
  }

  /** {@code bit(1)} holds a boolean; longer bit strings are kept as text of 0s and 1s. */
  private static DoltColumnType bitString(ColumnSchema column) {
    return column.size() == null || column.size() == 1
        ? new DoltColumnType("bit(1)", ValueKind.BOOLEAN)
        : DoltTypes.varchar(column.size(), ValueKind.STRING);
  }

  /**
   * A domain's base type as {@code information_schema.columns} describes it, and the domain's default (which
   * a column without a default of its own takes, and the driver does not report).
   */
  private record DomainBase(String typeName, Integer length, Integer precision, Integer radix, Integer scale,
      Integer datetimePrecision, String domainDefault) {

    ColumnSchema applyTo(ColumnSchema column) {
      boolean decimal = radix != null && radix == 10;
      Integer size = length != null ? length : decimal ? precision : column.size();
      Integer digits = decimal ? scale : datetimePrecision != null ? datetimePrecision : column.scale();
      return new ColumnSchema(column.name(), column.jdbcType(), typeName, size, digits, column.nullable(),
          column.autoIncrement(), column.defaultValue() != null ? column.defaultValue() : domainDefault);
    }
  }
}

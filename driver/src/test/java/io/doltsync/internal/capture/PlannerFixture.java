package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.internal.mirror.TableFilter;
import io.doltsync.spi.SourceDialect;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.WriteAnalyzer;
import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WritePlanner} over the schema of a real primary (a fresh space of one {@link PrimaryKind}), for
 * tests of planning decisions: which tables a statement captures, and how.
 */
final class PlannerFixture implements AutoCloseable {

  private final PrimaryKind.Space space;
  private final Connection connection;
  private final SourceDialect dialect;
  private final SchemaCatalog catalog;
  private final WritePlanner planner;

  PlannerFixture(PrimaryKind kind, String... ddl) throws SQLException {
    this.space = kind.createSpace("plan");
    this.connection = space.connect();
    try (Statement statement = connection.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
    this.dialect = SourceDialects.forUrl(space.url());
    this.catalog = new SchemaCatalog(dialect, new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
    catalog.reload(connection);
    SqlDialect lexical = io.doltsync.internal.dialect.SourceDialects.sqlDialect(dialect);
    this.planner = new WritePlanner(new StatementClassifier(lexical), new WriteAnalyzer(lexical), catalog, dialect);
  }

  Plan plan(String sql) throws SQLException {
    return planner.plan(sql, () -> catalog.reload(connection));
  }

  /** Table key → the simple name of its effect's class, e.g. {@code {p=KnownKeys, child=WholeTable}}. */
  Map<String, String> effects(String sql) throws SQLException {
    Map<String, String> effects = new LinkedHashMap<>();
    Plan plan = plan(sql);
    if (plan instanceof WritePlan write) {
      for (TableEffect effect : write.effects()) {
        effects.put(effect.tableKey(), effect.getClass().getSimpleName());
      }
    }
    return effects;
  }

  SchemaCatalog catalog() {
    return catalog;
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      space.close();
    }
  }
}

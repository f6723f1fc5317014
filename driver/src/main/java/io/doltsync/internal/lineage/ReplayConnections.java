package io.doltsync.internal.lineage;

import io.doltsync.internal.jdbc.wrapper.ConnectionWrapper;
import io.doltsync.sql.Classification;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.TableReference;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections that replay a past step's inputs: a Dolt connection whose every SQL text is rewritten so each
 * table it reads is read {@code AS OF} the commit the step read it at (Dolt's own SQL: the classifier of
 * the MySQL dialect finds the tables). Writes are refused; so is a table the step did not read.
 */
public final class ReplayConnections {

  private static final StatementClassifier CLASSIFIER = new StatementClassifier(SqlDialect.MYSQL);

  private ReplayConnections() {}

  /** Opens Dolt connections. */
  @FunctionalInterface
  public interface Opener {
    Connection open() throws SQLException;
  }

  /** Wraps {@code dolt} (closed with the returned connection). */
  public static Connection open(Connection dolt, String step, Map<String, Set<String>> inputs) {
    return new ConnectionWrapper(dolt, new ReplaySession(dolt, new Rewriter(step, inputs), CLASSIFIER));
  }

  /** A data source of {@link #open} connections. */
  public static DataSource dataSource(Opener dolt, String step, Map<String, Set<String>> inputs) {
    return new ReplayDataSource(dolt, step, inputs);
  }

  /** Rewrites SQL texts for one step's inputs. */
  static final class Rewriter {
    private final String step;
    private final Map<String, Set<String>> inputs;

    Rewriter(String step, Map<String, Set<String>> inputs) {
      this.step = step;
      this.inputs = Map.copyOf(inputs);
    }

    String step() {
      return step;
    }

    String rewrite(String sql) throws SQLException {
      Classification classification = CLASSIFIER.classifyCached(sql);
      if (classification.isWrite()) {
        throw new SQLException("a replay of " + step + " is read-only: " + sql, "25006");
      }
      return AsOfRewriter.rewrite(sql, classification.tables(), this::commitOf);
    }

    private String commitOf(TableReference table) throws SQLException {
      Set<String> commits = inputs.get(table.key());
      if (commits == null) {
        throw new SQLException("a replay of " + step + " reads only the tables it read (" + String.join(", ",
            inputs.keySet()) + "); it did not read " + table.name(), "42S02");
      }
      if (commits.size() > 1) {
        throw new SQLException(step + " read " + table.name() + " at " + commits.size() + " commits " + commits
            + "; a replay cannot choose one: query it AS OF the one you want", "21000");
      }
      return commits.iterator().next();
    }
  }

  private static final class ReplayDataSource implements DataSource {
    private final Opener dolt;
    private final String step;
    private final Map<String, Set<String>> inputs;
    private PrintWriter logWriter;
    private int loginTimeout;

    ReplayDataSource(Opener dolt, String step, Map<String, Set<String>> inputs) {
      this.dolt = dolt;
      this.step = step;
      this.inputs = inputs;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return open(dolt.open(), step, inputs);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection(); // the Dolt credentials are the mirror's
    }

    @Override
    public PrintWriter getLogWriter() {
      return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
      loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
      return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no java.util.logging logger", "0A000");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }
  }
}

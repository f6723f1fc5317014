package io.doltsync.tck;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/** Builds {@link Operation}s from SQL text and parameters, in each of the JDBC forms the workload uses. */
final class Sql {

  private Sql() {}

  /** A prepared statement run with {@code executeUpdate}. */
  static Operation update(OpKind kind, String sql, Object... parameters) {
    return new Operation(kind, describe(sql, parameters), connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, parameters);
        statement.executeUpdate();
      }
    });
  }

  /** A plain {@link Statement} (literal SQL) run with {@code executeUpdate} or {@code execute}. */
  static Operation plain(OpKind kind, String sql) {
    return new Operation(kind, sql, connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    });
  }

  /** A write that returns rows (RETURNING, delta tables), run with {@code executeQuery}; ids go to {@code ids}. */
  static Operation query(OpKind kind, String sql, LongConsumer ids, Object... parameters) {
    return new Operation(kind, describe(sql, parameters), connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, parameters);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            ids.accept(rs.getLong(1));
          }
        }
      }
    });
  }

  /**
   * A write that returns no rows, run with {@code executeQuery} as some applications do: pgjdbc runs it and then
   * throws "No results were returned by the query" (SQLState 02000), MariaDB Connector/J returns an empty result,
   * H2 (90002) and MySQL Connector/J (S1009) refuse it before running it. The transaction goes on in every case;
   * the oracle compares Dolt with what the primary committed.
   */
  static Operation queryOfWrite(OpKind kind, String sql, Object... parameters) {
    return new Operation(kind, describe(sql, parameters) + " (executeQuery)", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        bind(statement, parameters);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            // a driver that runs it returns no rows
          }
        } catch (SQLException e) {
          if (!QUERY_OF_WRITE_STATES.contains(e.getSQLState())) {
            throw e;
          }
        }
      }
    });
  }

  /** The SQLStates of drivers' answers to {@code executeQuery} of a write that returns no rows. */
  private static final java.util.Set<String> QUERY_OF_WRITE_STATES = java.util.Set.of("02000", "90002", "S1009");

  /** An INSERT run with {@code RETURN_GENERATED_KEYS}, whose keys are read and passed to {@code ids}. */
  static Operation generatedKeys(OpKind kind, String sql, LongConsumer ids, Object... parameters) {
    return new Operation(kind, describe(sql, parameters) + " (generated keys)", connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
        bind(statement, parameters);
        statement.executeUpdate();
        try (ResultSet keys = statement.getGeneratedKeys()) {
          while (keys.next()) {
            ids.accept(keys.getLong(1));
          }
        }
      }
    });
  }

  /** A literal INSERT through a plain statement asking for generated keys. */
  static Operation plainGeneratedKeys(OpKind kind, String sql, LongConsumer ids) {
    return new Operation(kind, sql + " (plain statement, generated keys)", connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
        try (ResultSet keys = statement.getGeneratedKeys()) {
          while (keys.next()) {
            ids.accept(keys.getLong(1));
          }
        }
      }
    });
  }

  /** One prepared statement executed as a JDBC batch, one entry per parameter row. */
  static Operation preparedBatch(OpKind kind, String sql, List<Object[]> rows) {
    String description = sql + " batch " + rows.stream().map(Arrays::toString).toList();
    return new Operation(kind, description, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (Object[] row : rows) {
          bind(statement, row);
          statement.addBatch();
        }
        statement.executeBatch();
      }
    });
  }

  /** Literal SQL texts executed as one {@link Statement} batch. */
  static Operation statementBatch(OpKind kind, List<String> sqls) {
    return new Operation(kind, "batch " + sqls, connection -> {
      try (Statement statement = connection.createStatement()) {
        for (String sql : sqls) {
          statement.addBatch(sql);
        }
        statement.executeBatch();
      }
    });
  }

  /** A stored procedure call through {@link CallableStatement}. */
  static Operation call(OpKind kind, String sql, Object... parameters) {
    return new Operation(kind, describe(sql, parameters), connection -> {
      try (CallableStatement statement = connection.prepareCall(sql)) {
        bind(statement, parameters);
        statement.execute();
      }
    });
  }

  private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static String describe(String sql, Object[] parameters) {
    return parameters.length == 0 ? sql : sql + " " + Arrays.toString(parameters);
  }
}

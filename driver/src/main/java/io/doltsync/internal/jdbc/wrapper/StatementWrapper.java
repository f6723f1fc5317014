package io.doltsync.internal.jdbc.wrapper;

import java.sql.Statement;

/** A plain statement of a doltsync connection. */
public final class StatementWrapper extends AbstractStatementWrapper<Statement> {

  StatementWrapper(Statement delegate, ConnectionWrapper connection) {
    super(delegate, connection);
  }
}

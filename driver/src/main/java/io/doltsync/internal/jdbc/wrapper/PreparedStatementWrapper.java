package io.doltsync.internal.jdbc.wrapper;

import io.doltsync.internal.capture.Plan;
import java.sql.PreparedStatement;

/** A prepared statement of a doltsync connection, prepared on the primary or, for Dolt-routed SQL, on Dolt. */
public final class PreparedStatementWrapper extends AbstractPreparedStatementWrapper<PreparedStatement> {

  PreparedStatementWrapper(PreparedStatement delegate, ConnectionWrapper connection, String sql, Plan plan,
      boolean keys, boolean keysRequested) {
    super(delegate, connection, sql, plan, keys, keysRequested);
  }
}

package io.doltsync.capture;

import io.doltsync.jdbc.wrapper.Plan;
import io.doltsync.sql.StatementKind;

/**
 * {@code BEGIN}/{@code START TRANSACTION}, {@code COMMIT} or {@code ROLLBACK} sent as SQL text: the session
 * must see these boundaries as it sees {@code Connection.commit()} and {@code rollback()}.
 */
public record TransactionControlPlan(StatementKind kind) implements Plan {

  @Override
  public boolean routesToDolt() {
    return false;
  }

  @Override
  public boolean isCapturedWrite() {
    return true;
  }

  @Override
  public boolean needsGeneratedKeys() {
    return false;
  }

  @Override
  public boolean needsParameters() {
    return false;
  }
}

package io.doltsync.internal.jdbc.wrapper;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint of a wrapped connection; remembers the driver's savepoint it stands for. */
public final class SavepointWrapper implements Savepoint {

  private final Savepoint delegate;

  SavepointWrapper(Savepoint delegate) {
    this.delegate = delegate;
  }

  public Savepoint delegate() {
    return delegate;
  }

  /** The driver's savepoint behind a savepoint the application hands back. */
  static Savepoint unwrap(Savepoint savepoint) {
    return savepoint instanceof SavepointWrapper wrapper ? wrapper.delegate : savepoint;
  }

  @Override
  public int getSavepointId() throws SQLException {
    return delegate.getSavepointId();
  }

  @Override
  public String getSavepointName() throws SQLException {
    return delegate.getSavepointName();
  }

  @Override
  public String toString() {
    return "SavepointWrapper[" + delegate + "]";
  }
}

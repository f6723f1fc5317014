package io.doltsync.internal.jdbc.wrapper;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The {@link Wrapper} contract shared by every doltsync wrapper: {@code unwrap(X)} returns this wrapper
 * when it is an {@code X}, else the delegate when it is one, else asks the delegate (which reaches vendor
 * classes behind further wrappers); {@code isWrapperFor} agrees with it.
 *
 * <p>The one seam between a wrapper and the driver's object: subclasses reach it only through
 * {@link #primary()}, which first restores the primary's session to the application's state (a session may
 * leave it otherwise between statements, see {@link Session#beforePrimary()}), or through
 * {@link #clientSide()}, for calls that send the primary no statement (binding a parameter, reading a value
 * already fetched, a setting kept by the driver) or that the session itself runs (captured writes). A call
 * added without thought reaches the driver through {@code primary()}; {@code WrapperSeamTest} checks every
 * JDBC method: each one either restores the session or sends the primary nothing.
 */
abstract class AbstractWrapper<T extends Wrapper> implements Wrapper {

  private final T delegate;

  AbstractWrapper(T delegate) {
    this.delegate = delegate;
  }

  /** The wrapped driver object, as is (for doltsync's own code outside the wrappers). */
  public final T delegate() {
    return delegate;
  }

  /** The driver's object for a call that may run a statement on the primary: the session is restored first. */
  protected final T primary() throws SQLException {
    restorePrimary();
    return delegate;
  }

  /**
   * The driver's object for a call that sends the primary no statement, or that the session runs itself
   * (a captured write, a text after {@link Session#beforePrimary()}): no restore.
   */
  protected final T clientSide() {
    return delegate;
  }

  /** Restores the primary's session to the application's state (see {@link Session#beforePrimary()}). */
  protected abstract void restorePrimary() throws SQLException;

  @Override
  public final <I> I unwrap(Class<I> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    restorePrimary(); // the application may run anything on the driver's object from here on
    beforeUnwrap(iface);
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  /** Called before {@link #unwrap} hands out the driver's object (or one it unwraps to), once restored. */
  protected void beforeUnwrap(Class<?> iface) throws SQLException {
  }

  @Override
  public final boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public final boolean equals(Object other) {
    if (other instanceof AbstractWrapper<?> wrapper) {
      return delegate.equals(wrapper.delegate);
    }
    return false;
  }

  @Override
  public final int hashCode() {
    return delegate.hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}

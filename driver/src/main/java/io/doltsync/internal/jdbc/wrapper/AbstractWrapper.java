package io.doltsync.internal.jdbc.wrapper;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The {@link Wrapper} contract shared by every doltsync wrapper: {@code unwrap(X)} returns this wrapper
 * when it is an {@code X}, else the delegate when it is one, else asks the delegate (which reaches vendor
 * classes behind further wrappers); {@code isWrapperFor} agrees with it.
 */
abstract class AbstractWrapper<T extends Wrapper> implements Wrapper {

  protected final T delegate;

  AbstractWrapper(T delegate) {
    this.delegate = delegate;
  }

  /** The wrapped driver object. */
  public final T delegate() {
    return delegate;
  }

  @Override
  public final <I> I unwrap(Class<I> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    beforeUnwrap(iface);
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  /**
   * Called before {@link #unwrap} hands out the driver's object (or one it unwraps to): the primary's session
   * is restored to the application's state first, as the application may run anything on that object.
   */
  protected abstract void beforeUnwrap(Class<?> iface) throws SQLException;

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

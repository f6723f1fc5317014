package io.doltsync.internal.versioning;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens Dolt connections positioned on the mirrored database (on its mirrored branch). */
@FunctionalInterface
public interface DoltConnectionSource {
  Connection open() throws SQLException;
}

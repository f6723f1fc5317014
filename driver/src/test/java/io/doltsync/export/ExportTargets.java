package io.doltsync.export;

import io.doltsync.testing.PrimaryKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The databases the export tests write into, each a fresh space of a {@link PrimaryKind} (H2 also in Oracle mode). */
enum ExportTargets {
  MARIADB(PrimaryKind.MARIADB, ""),
  POSTGRES(PrimaryKind.POSTGRES, ""),
  H2(PrimaryKind.H2, ""),
  H2_ORACLE(PrimaryKind.H2, ";MODE=Oracle");

  private final PrimaryKind kind;
  private final String urlSuffix;

  ExportTargets(PrimaryKind kind, String urlSuffix) {
    this.kind = kind;
    this.urlSuffix = urlSuffix;
  }

  /** A fresh space; its URL carries the batch-rewriting option where the driver has one. */
  Space create(String prefix) throws SQLException {
    PrimaryKind.Space space = kind.createSpace(prefix);
    return new Space(space, space.url() + urlSuffix);
  }

  /** One fresh target: its raw URL (for a doltsync bootstrap) and connections that batch well. */
  record Space(PrimaryKind.Space space, String url) implements AutoCloseable {

    Connection connect() throws SQLException {
      Properties properties = space.kind().credentials();
      if (url.startsWith("jdbc:postgresql:")) {
        properties.setProperty("reWriteBatchedInserts", "true");
      }
      return DriverManager.getConnection(url, properties);
    }

    @Override
    public void close() throws SQLException {
      space.close();
    }
  }
}

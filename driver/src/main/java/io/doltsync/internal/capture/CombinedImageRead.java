package io.doltsync.internal.capture;

import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import io.doltsync.internal.logging.DoltSyncLoggers;

/**
 * Reads the images of several tables' keys at commit in one round trip instead of one per table: the same
 * locking {@code SELECT}s {@link RowImageReader} sends one by one, as one text the primary runs in order.
 * <ul>
 *   <li>MariaDB: one compound statement, {@code BEGIN NOT ATOMIC SELECT ...; SELECT ...; END}, whose
 *       SELECTs each return their result set to the client, as a stored procedure's do. A server that
 *       cannot parse it ({@code sql_mode=ORACLE}) or prepare it (server-side prepared statements) ran
 *       nothing, and the images are read per table from then on.</li>
 *   <li>PostgreSQL (pgjdbc): {@code SELECT ...; SELECT ...} as one prepared text, which pgjdbc sends as one
 *       pipeline with a single sync; each SELECT's rows come back as its own result set.</li>
 * </ul>
 * The statements, their locks and their order are those of the per-table reads, so the images are the same;
 * only the round trips differ. Other primaries (and MySQL, which has no compound statement outside stored
 * programs) read per table. One instance per mirror; thread-safe.
 */
final class CombinedImageRead {

  private static final Logger LOG = DoltSyncLoggers.get(CombinedImageRead.class);
  private static final int MARIADB_PARSE_ERROR = 1064;
  private static final int MARIADB_UNSUPPORTED_PS = 1295;
  /** The most key values one combined text binds; a larger read goes per table (one query per 500 keys). */
  static final int MAX_BINDS = 2000;

  /** How this primary can run several reads in one round trip. */
  enum Mode { UNKNOWN, NONE, MARIADB, POSTGRESQL }

  private final SourceDialect dialect;
  private final RowImageReader images;
  private final io.doltsync.internal.dialect.PrimaryFlavour flavour;
  private volatile Mode mode;

  CombinedImageRead(SourceDialect dialect, RowImageReader images, boolean enabled,
      io.doltsync.internal.dialect.PrimaryFlavour flavour) {
    this.dialect = dialect;
    this.images = images;
    this.flavour = flavour;
    this.mode = enabled ? Mode.UNKNOWN : Mode.NONE;
  }

  /** One table's keys to read. */
  record Read(TableSchema table, List<RowKey> keys) {}

  /**
   * The table changes of {@code reads}, in their order, read in one round trip; {@code null} when they
   * cannot be (fewer than two reads, a table with more keys than one query takes, more than {@link #MAX_BINDS}
   * key values in all, a primary without a way):
   * the caller then reads per table.
   */
  List<TableChange> read(Connection connection, List<Read> reads) throws SQLException {
    if (reads.size() < 2 || reads.stream().anyMatch(r -> r.keys().size() > RowImageReader.keysPerQuery(r.table()))
        || reads.stream().mapToLong(r -> (long) r.keys().size() * r.table().primaryKey().size()).sum() > MAX_BINDS) {
      return null;
    }
    Mode known = mode(connection);
    if (known == Mode.NONE) {
      return null;
    }
    StringBuilder sql = new StringBuilder(known == Mode.MARIADB ? "BEGIN NOT ATOMIC " : "");
    for (int i = 0; i < reads.size(); i++) {
      sql.append(i == 0 ? "" : "; ").append(images.keyQuery(reads.get(i).table(), reads.get(i).keys().size()));
    }
    sql.append(known == Mode.MARIADB ? "; END" : "");
    List<TableChange> changes = new ArrayList<>(reads.size());
    try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (Read read : reads) {
        index = RowImageReader.bindKeys(select, index, RowImageReader.keyTypes(read.table()), read.keys());
      }
      boolean isResultSet = select.execute();
      for (Read read : reads) {
        if (!isResultSet) {
          throw new SQLException("the combined image read of " + reads.size() + " tables returned "
              + changes.size() + " result sets", "HY000");
        }
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = select.getResultSet()) {
          images.readRows(rs, read.table(), rows);
        }
        changes.add(images.keyedChange(read.table(), read.keys(), rows));
        isResultSet = select.getMoreResults();
      }
    } catch (SQLException e) {
      if (known == Mode.MARIADB && changes.isEmpty()
          && (e.getErrorCode() == MARIADB_PARSE_ERROR || e.getErrorCode() == MARIADB_UNSUPPORTED_PS)) {
        LOG.info("doltsync reads row images per table on this MariaDB connection: the server did not take a"
            + " compound statement ({})", e.getMessage());
        mode = Mode.NONE; // nothing ran: the server did not read the block
        return null;
      }
      throw e;
    }
    return changes;
  }

  private Mode mode(Connection connection) throws SQLException {
    Mode known = mode;
    if (known != Mode.UNKNOWN) {
      return known;
    }
    io.doltsync.internal.dialect.PrimaryFlavour.Facts facts = flavour.of(connection);
    known = facts.mariadbServer() ? Mode.MARIADB : facts.postgresqlServer() && facts.pgjdbc() ? Mode.POSTGRESQL
        : Mode.NONE;
    mode = known;
    return known;
  }
}

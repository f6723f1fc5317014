package io.doltsync.tck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the oracle needs to know about one kind of primary database: how to create a fresh database with
 * the workload's schema, and the few statements whose SQL differs. Everything else in the workload is
 * portable SQL. doltsync's own primaries are {@link Primaries} constants; a third party implements this
 * interface for its database and runs the suites by extending {@link SingleWriterTck}, {@link MultiWriterTck}
 * and {@link FaultTck} (see the tck's README).
 */
public interface Primary {

  /** A short name for summaries: {@code mariadb}, {@code postgresql}, {@code h2}. */
  String name();

  /** Creates a fresh, empty database on the primary's server and returns how to reach it. */
  PrimaryDatabase createDatabase() throws SQLException;

  /** The statements that create the workload schema (tables, trigger, stored procedure), in order. */
  List<String> schema();

  /** A query listing the names of the current database's (or schema's) base tables. */
  String baseTablesQuery();

  /** True when DDL and TRUNCATE commit the open transaction (MariaDB, H2); false when they are transactional. */
  boolean ddlCommitsImplicitly();

  /** True when a failed statement aborts the whole transaction (PostgreSQL), false when only the statement fails. */
  boolean errorAbortsTransaction();

  /**
   * The same database under another URL text. doltsync shares one mirror per primary URL in a JVM, so a
   * second "application instance" inside the test JVM needs a URL of its own to get its own mirror.
   */
  String aliasUrl(String url);

  /**
   * True when a raw {@code COMMIT} of the workload's transactions cannot fail on a lock: it waits for no lock and
   * checks no deferred constraint or serializable snapshot (PostgreSQL at READ COMMITTED, with no deferred
   * constraints in the workload schema). A commit through doltsync that then fails as a deadlock victim or a
   * serialization failure (class 40) failed on a lock doltsync took, and the oracle reports it.
   */
  default boolean rawCommitCannotFailOnLocks() {
    return false;
  }

  /**
   * True when each Dolt commit's {@code Doltsync-Instance} names the application instance that wrote the transaction
   * (journal capture: the entry says so). False in wal capture, where only a transaction a doltsync connection
   * announced something in (an author, a message, a lineage scope, DDL) names its writer; the others name the instance
   * whose applier read the slot (the WAL does not say which client wrote a transaction).
   */
  default boolean commitsNameTheWritingInstance() {
    return true;
  }

  /** True when the statement kind exists in this database. */
  default boolean supports(OpKind kind) {
    return true;
  }

  /**
   * The {@code doltsync.target} this primary's application uses for a Dolt database URL written for
   * mariadb-java-client ({@code jdbc:mariadb:}); by default that URL itself.
   */
  default String doltTarget(String mariadbDriverUrl) {
    return mariadbDriverUrl;
  }

  // ---- statements whose SQL differs; parameters are documented on each method ---------------------

  /** Upsert of {@code item} on its unique {@code sku}; parameters sku, name, price, qty. */
  String upsertItemBySku();

  /** Upsert of {@code stock} on its composite key; parameters warehouse, sku, qty. */
  String upsertStockByKey();

  /** Further upsert forms (REPLACE, INSERT IGNORE, ON CONFLICT DO NOTHING, MERGE ... USING). */
  List<UpsertForm> extraUpserts();

  /** An INSERT into {@code item} that returns the generated id as a result set; parameters sku, name, price, qty. */
  String insertItemReturningId();

  /**
   * An INSERT into the keyless {@code event_log} that returns the row's {@code ref}, run with
   * {@code executeQuery}; parameters kind, ref, amount.
   */
  String insertEventReturningRef();

  /**
   * A DELETE of {@code note} rows of one customer that returns their ids, run with {@code executeQuery}
   * (PostgreSQL: a data-modifying WITH); parameter customer id.
   */
  String deleteNotesReturningIds();

  /** An UPDATE of {@code orders} joined with {@code customer}; parameters new status, customer tier. */
  String joinUpdateOrders();

  /** A DELETE of {@code orders} joined with {@code customer}; parameters customer tier, max total. */
  String joinDeleteOrders();

  /** The SQL for {@code prepareCall} of the stored procedure {@code restock(item id, qty)}. */
  String callRestock();

  /** Drops the database (after a successful run). */
  default void drop(PrimaryDatabase database) throws SQLException {
    try (Connection connection = database.connect(); var statement = connection.createStatement()) {
      statement.execute(database.dropStatement());
    }
  }

  /** An upsert statement and the parameters it takes. */
  record UpsertForm(String sql, Parameters parameters) {

    /** What an upsert's parameters are. */
    public enum Parameters {
      /** customer id, name, tier */
      CUSTOMER,
      /** item sku, qty */
      ITEM,
      /** stock warehouse, sku, qty */
      STOCK
    }
  }
}

package io.doltsync.internal.journal;

import io.doltsync.internal.dialect.CanonicalSql;
import io.doltsync.spi.SourceDialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the journal table in the primary database: the durable hand-off between a committing
 * transaction and the applier. A transaction's entry is written by {@link #append} as the last statements
 * of that same transaction, so it commits atomically with the data or not at all. Entries larger than
 * {@link #CHUNK_BYTES} are split over several rows.
 */
public final class JournalTable {

  /** The largest payload stored in one row; below MySQL's default max_allowed_packet. */
  public static final int CHUNK_BYTES = 4 * 1024 * 1024;

  private final SourceDialect dialect;
  private final String quotedName;
  private final String name;
  private final String insertSql;
  private final String insertAndCommitSql;
  private final MariaDbJournalBlock mariaDbBlock;
  private final JournalMac mac;
  /** PostgreSQL: the lock every journal insert takes in shared mode; {@code null} on other primaries. */
  private final JournalOrderLock orderLock;
  private final io.doltsync.internal.dialect.PrimaryFlavour flavour;

  public JournalTable(SourceDialect dialect, String name) {
    this(dialect, name, null);
  }

  /**
   * @param secret {@code doltsync.journalSecret}: entries are written with an HMAC under it, and an entry
   *               without a valid one fails to decode (so it is quarantined, not applied); {@code null} for none
   */
  public JournalTable(SourceDialect dialect, String name, String secret) {
    this(dialect, name, secret, new io.doltsync.internal.dialect.PrimaryFlavour(dialect));
  }

  /** @param flavour the mirror's probe of which primary and driver this is (for the journal write fused with the commit) */
  public JournalTable(SourceDialect dialect, String name, String secret, io.doltsync.internal.dialect.PrimaryFlavour flavour) {
    this.flavour = flavour;
    this.mac = secret == null || secret.isEmpty() ? null : new JournalMac(secret);
    this.dialect = dialect;
    this.name = name;
    this.quotedName = dialect.quoteIdentifier(name);
    this.orderLock = dialect instanceof io.doltsync.internal.dialect.PostgreSqlDialect ? new JournalOrderLock(name) : null;
    this.insertSql = orderLock == null
        ? "INSERT INTO " + quotedName + " (txn, chunk, chunks, instance, payload) VALUES (?, ?, ?, ?, ?)"
        : "WITH " + orderLock.sharedCte() + " INSERT INTO " + quotedName + " (txn, chunk, chunks, instance, payload)"
            + " SELECT CAST(? AS VARCHAR), CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS VARCHAR), CAST(? AS BYTEA)"
            + " FROM doltsync_order";
    this.insertAndCommitSql = insertSql + "; COMMIT";
    this.mariaDbBlock = new MariaDbJournalBlock(quotedName);
  }

  public String name() {
    return name;
  }

  /** True when the table exists in the connection's current catalog/schema. */
  public boolean exists(Connection connection) throws SQLException {
    return tableExists(connection, name);
  }

  /** True when the table exists with its index on {@code txn}, read from the catalog without locking the table. */
  private boolean existsWithTxnIndex(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String catalog = connection.getCatalog();
    String schema = connection.getSchema();
    for (String candidate : spellings(name)) {
      try (ResultSet rs = meta.getIndexInfo(catalog, schema, candidate, false, true)) {
        while (rs.next()) {
          if ("txn".equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** True when a table of this name (as given, upper or lower case) exists in the connection's catalog/schema. */
  static boolean tableExists(Connection connection, String name) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String catalog = connection.getCatalog();
    String schema = connection.getSchema(); // a round trip on PostgreSQL: once, not once per spelling
    for (String candidate : spellings(name)) {
      try (ResultSet rs = meta.getTables(catalog, schema, candidate, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The name as given, in upper case and in lower case, each once (a lower-case name is not looked up twice). */
  private static java.util.Set<String> spellings(String name) {
    return new java.util.LinkedHashSet<>(List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Creates the table unless it exists. Runs on its own connection in auto-commit mode, outside application
   * transactions. Several instances may race to create it: PostgreSQL then fails one
   * {@code CREATE TABLE IF NOT EXISTS} on its catalog's unique index, which is fine when the table is there.
   */
  public void ensureExists(Connection connection) throws SQLException {
    if (existsWithTxnIndex(connection)) {
      // no DDL: PostgreSQL's CREATE INDEX IF NOT EXISTS takes a SHARE lock on the journal before it finds the
      // index, which waits for every writer's journal insert and blocks the next ones (with a whole-table copy's
      // order lock held by the caller's transaction, that wait closed a cycle no server could see)
      return;
    }
    try (Statement statement = connection.createStatement()) {
      for (String ddl : dialect.createJournalTable(name)) {
        statement.execute(ddl);
      }
    } catch (SQLException e) {
      if (!exists(connection)) {
        throw e;
      }
    }
  }

  /**
   * Writes an entry inside the caller's open transaction, as one insert per {@link #CHUNK_BYTES} of its
   * encoded form, holding at most one chunk in memory whatever the transaction's size. An entry that fits
   * one chunk is encoded once; a larger one is encoded twice (first only counting its bytes, to know its
   * chunk count), so every row is final when inserted: no update, and so no extra lock, on the journal. On MySQL
   * and MariaDB the session's {@code LAST_INSERT_ID()} is read before and set back after (two round trips).
   */
  public void append(Connection connection, JournalEntry entry) throws SQLException {
    if (!(dialect instanceof io.doltsync.internal.dialect.MySqlDialect)) {
      insert(connection, entry);
      return;
    }
    // MySQL and MariaDB: the journal row's generated id becomes the session's LAST_INSERT_ID(), which the
    // application reads after its own insert; keep the value it had and set it back
    java.math.BigDecimal saved;
    try (Statement read = connection.createStatement(); ResultSet rs = read.executeQuery("SELECT LAST_INSERT_ID()")) {
      rs.next();
      saved = rs.getBigDecimal(1);
    }
    insert(connection, entry);
    try (PreparedStatement restore = connection.prepareStatement("DO LAST_INSERT_ID(?)")) {
      restore.setBigDecimal(1, saved);
      restore.execute();
    }
  }

  private void insert(Connection connection, JournalEntry entry) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
      ChunkWriter first = new ChunkWriter(insert, entry, 1);
      encode(entry, first);
      if (!first.overflowed()) {
        first.insertChunk();
        return;
      }
      long size = first.size();
      int chunks = (int) ((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
      ChunkWriter all = new ChunkWriter(insert, entry, chunks);
      encode(entry, all);
      if (all.inserted() != chunks) {
        throw new SQLException("the journal entry of transaction " + entry.transactionId() + " encoded to "
            + all.inserted() + " chunks, then to " + chunks, "HY000");
      }
    }
  }

  /**
   * Writes an entry of at most {@link #FUSED_BYTES} as the last statement of the caller's open transaction and
   * commits the transaction, in one round trip, where the primary can do both exactly: a statement that
   * fails commits nothing.
   * <ul>
   *   <li>MariaDB: one compound statement, {@code BEGIN NOT ATOMIC INSERT ...; COMMIT; END}: an error in the
   *       INSERT leaves the block before its COMMIT (every value is a hex literal, whatever the session's
   *       {@code sql_mode}; a server that cannot parse the block, such as one in {@code sql_mode=ORACLE}, ran
   *       nothing, and the entry is then written the usual way from then on).</li>
   *   <li>PostgreSQL: {@code INSERT ...; COMMIT} as one prepared text, which pgjdbc sends as one pipeline
   *       with a single sync: after an error the server skips the rest, so the COMMIT never runs (not on a
   *       connection with pgjdbc's {@code autosave} on, which rolls a failed statement back to a savepoint of
   *       its own and goes on).</li>
   * </ul>
   *
   * @return true when the entry was written and the transaction committed; false when nothing was sent (an
   *         entry too large, another primary or driver setting): the caller then appends and commits itself
   * @throws SQLException when the statement failed: the transaction was not committed
   */
  public boolean appendAndCommit(Connection connection, JournalEntry entry) throws SQLException {
    return appendAndCommit(connection, entry, false);
  }

  /**
   * As {@link #appendAndCommit(Connection, JournalEntry)}; with {@code leaveAutoCommitOff} a MariaDB block
   * ends with {@code SET autocommit = 0} after its {@code COMMIT}, so that the session's next statement starts
   * a transaction without a statement of its own (the caller reads the outcome from the driver's
   * {@code getAutoCommit()}). Ignored on other primaries.
   */
  public boolean appendAndCommit(Connection connection, JournalEntry entry, boolean leaveAutoCommitOff)
      throws SQLException {
    return appendAndCommit(connection, entry, leaveAutoCommitOff, null);
  }

  /**
   * As {@link #appendAndCommit(Connection, JournalEntry, boolean)}; on PostgreSQL the {@code INSERT ...; COMMIT}
   * runs through the caller's {@code kept} statement when given (a session keeps it for its connection; one that
   * failed is let go), else through a new one.
   */
  public boolean appendAndCommit(Connection connection, JournalEntry entry, boolean leaveAutoCommitOff,
      KeptStatement kept) throws SQLException {
    Fusion fusion = fusion(connection);
    if (fusion == Fusion.NONE || (fusion == Fusion.POSTGRESQL && savesAutomatically(connection))) {
      return false;
    }
    BoundedBuffer payload = encodeSmall(entry);
    if (payload == null) {
      return false;
    }
    if (fusion == Fusion.POSTGRESQL) {
      if (kept == null) {
        try (PreparedStatement insert = connection.prepareStatement(insertAndCommitSql)) {
          insertAndCommit(insert, entry, payload);
        }
        return true;
      }
      boolean succeeded = false;
      try {
        insertAndCommit(kept.of(connection, insertAndCommitSql), entry, payload);
        succeeded = true;
      } finally {
        if (!succeeded) {
          kept.close();
        }
      }
      return true;
    }
    String block = mariaDbBlock.of(entry.transactionId(), entry.instance(), payload.bytes, payload.count,
        leaveAutoCommitOff);
    try (Statement statement = connection.createStatement()) {
      statement.execute(block);
    } catch (SQLException e) {
      if (e.getErrorCode() == MARIADB_PARSE_ERROR) {
        this.fusion = Fusion.NONE; // nothing ran: this server does not read the block
        return false;
      }
      throw e;
    }
    return true;
  }

  private static void insertAndCommit(PreparedStatement insert, JournalEntry entry, BoundedBuffer payload)
      throws SQLException {
    insert.setString(1, entry.transactionId());
    insert.setInt(2, 0);
    insert.setInt(3, 1);
    insert.setString(4, entry.instance());
    insert.setBytes(5, payload.toByteArray());
    insert.execute();
  }

  /** The largest encoded entry {@link #appendAndCommit} sends with the commit. */
  public static final int FUSED_BYTES = 64 * 1024;

  private static final int MARIADB_PARSE_ERROR = 1064;

  /** How a journal write can travel with the commit on this table's primary. */
  /**
   * MariaDB, after a DDL statement that committed on its own: in one round trip, starts a transaction, checks under
   * a lock that the {@code emptyTables} (created empty by the statement, journaled as their schema and no rows)
   * still have no row, then writes the entry and commits ({@link MariaDbJournalBlock#ifEmpty}). True when it did;
   * false when nothing was written: another primary, an entry too large for one statement, or a table that has rows
   * already (another session's insert since the DDL: the caller then reads the tables in a transaction as usual).
   */
  public boolean appendIfEmpty(Connection connection, JournalEntry entry, List<String> emptyTables)
      throws SQLException {
    if (fusion(connection) != Fusion.MARIADB) {
      return false;
    }
    BoundedBuffer payload = encodeSmall(entry);
    if (payload == null) {
      return false;
    }
    List<String> quoted = emptyTables.stream().map(dialect::quoteIdentifier).toList();
    String block = mariaDbBlock.ifEmpty(quoted, entry.transactionId(), entry.instance(), payload.bytes, payload.count);
    try (Statement statement = connection.createStatement()) {
      statement.execute(block);
    } catch (SQLException e) {
      if (MariaDbJournalBlock.NOT_EMPTY_STATE.equals(e.getSQLState()) && e.getMessage() != null
          && e.getMessage().contains(MariaDbJournalBlock.NOT_EMPTY_MESSAGE) || e.getErrorCode() == MARIADB_PARSE_ERROR) {
        return false; // rolled back, or nothing ran
      }
      throw e;
    }
    return true;
  }

  private enum Fusion { UNKNOWN, NONE, MARIADB, POSTGRESQL }

  private volatile Fusion fusion = Fusion.UNKNOWN;

  private Fusion fusion(Connection connection) throws SQLException {
    Fusion known = fusion;
    if (known != Fusion.UNKNOWN) {
      return known;
    }
    io.doltsync.internal.dialect.PrimaryFlavour.Facts facts = flavour.of(connection);
    known = facts.mariadbServer() ? Fusion.MARIADB : facts.postgresqlServer() && facts.pgjdbc() ? Fusion.POSTGRESQL
        : Fusion.NONE; // pgjdbc pipelines the two
    fusion = known;
    return known;
  }

  /** pgjdbc's {@code getAutosave()} of a connection class, looked up once per class ({@code null}: none). */
  private static final ClassValue<java.lang.reflect.Method> AUTOSAVE_GETTER = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Method computeValue(Class<?> type) {
      try {
        return type.getMethod("getAutosave");
      } catch (NoSuchMethodException | RuntimeException e) {
        return null;
      }
    }
  };

  /**
   * Whether pgjdbc's {@code autosave} is on for this connection (however it was set: URL, properties or
   * {@code PGConnection.setAutosave}); also when it cannot be told.
   */
  private static boolean savesAutomatically(Connection connection) {
    java.lang.reflect.Method getter = AUTOSAVE_GETTER.get(connection.getClass());
    if (getter == null) {
      return true;
    }
    try {
      Object autosave = getter.invoke(connection);
      return autosave == null || !"NEVER".equals(autosave.toString());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  /**
   * Whether this table's primary is PostgreSQL reached through pgjdbc, where an auto-commit statement and its
   * journal insert can be one statement ({@link io.doltsync.internal.mirror.OneTripWrite}).
   */
  public boolean isPostgresqlThroughPgjdbc(Connection connection) throws SQLException {
    return fusion(connection) == Fusion.POSTGRESQL;
  }

  /**
   * Whether this table's primary is MariaDB, where an auto-commit statement, its journal insert and the commit can
   * be one compound statement ({@link io.doltsync.internal.mirror.OneTripWrite}); false once a server refused
   * such a block.
   */
  public boolean isMariaDb(Connection connection) throws SQLException {
    return fusion(connection) == Fusion.MARIADB;
  }

  /**
   * PostgreSQL: the lock every journal insert takes in shared mode ({@link JournalOrderLock}); {@code null} on
   * other primaries.
   */
  public JournalOrderLock orderLock() {
    return orderLock;
  }

  /**
   * Appends the MariaDB {@code INSERT} of a one-row entry with this payload to {@code into}, every value a hex literal
   * (no quoting or escaping that a {@code sql_mode} changes), the payload's hex digits copied once, between
   * statements that keep the session's {@code LAST_INSERT_ID()} and set it back (the compound statement opens with
   * {@link #mariaDbInsertDeclaration()}).
   */
  public void appendMariaDbInsert(StringBuilder into, JournalEntry entry, byte[] payload) {
    mariaDbBlock.appendInsert(into, entry.transactionId(), entry.instance(), payload);
  }

  /**
   * {@link #appendMariaDbInsert} with the eight bytes at {@code keySlot} of the payload ({@link #generatedKeySlot})
   * replaced, on the server, by the compound statement's saved {@code LAST_INSERT_ID()}: the key the statement
   * before the journal insert generated.
   */
  public void appendMariaDbInsert(StringBuilder into, JournalEntry entry, byte[] payload, int keySlot) {
    mariaDbBlock.appendInsert(into, entry.transactionId(), entry.instance(), payload, keySlot);
  }

  /**
   * Where the encoded entry holds {@code placeholder}, a {@code long} key the database will generate, as the
   * only value of its kind equal to it, for {@link #appendMariaDbInsert(StringBuilder, JournalEntry, byte[], int)};
   * {@code -1} when it cannot be told or the entry is signed ({@code doltsync.journalSecret}: its MAC covers the
   * placeholder's bytes).
   */
  public int generatedKeySlot(byte[] payload, long placeholder) {
    return mac != null ? -1 : JournalCodec.uniqueLongSlot(payload, placeholder);
  }

  /**
   * The declaration a MariaDB compound statement that holds {@link #appendMariaDbInsert}'s text opens with (the
   * variable that keeps the session's {@code LAST_INSERT_ID()} over the journal insert).
   */
  public static String mariaDbInsertDeclaration() {
    return MariaDbJournalBlock.DECLARE_SAVED_ID;
  }

  /** About the length {@link #appendMariaDbInsert} appends, to size the caller's buffer. */
  public int mariaDbInsertLength(JournalEntry entry, byte[] payload) {
    return mariaDbBlock.insertLength(entry.transactionId(), payload);
  }

  /** The table's name, quoted for its primary. */
  public String quotedName() {
    return quotedName;
  }

  /** The entry's encoded bytes when they are at most {@link #FUSED_BYTES}, else {@code null}. */
  public byte[] encodedIfSmall(JournalEntry entry) throws SQLException {
    BoundedBuffer encoded = encodeSmall(entry);
    return encoded == null ? null : encoded.toByteArray();
  }

  /** The encoded entry (the buffer's first {@code count} bytes) if at most {@link #FUSED_BYTES}, else {@code null}. */
  private BoundedBuffer encodeSmall(JournalEntry entry) throws SQLException {
    SmallEncoding reused = SMALL_ENCODING.get();
    BoundedBuffer out = reused.buffer;
    out.reset();
    try {
      reused.encoder.encode(entry, mac == null ? out : mac.signing(entry.transactionId(), out));
    } catch (TooLarge large) {
      return null;
    } catch (IOException e) {
      throw new SQLException("cannot write the journal entry of transaction " + entry.transactionId() + ": " + e,
          "HY000", e);
    }
    return out;
  }

  /**
   * The encoder and buffer {@link #encodeSmall} reuses on this thread: a caller reads the buffer before its
   * thread encodes the next entry (it copies the bytes or writes them into its statement's text).
   */
  private static final ThreadLocal<SmallEncoding> SMALL_ENCODING = ThreadLocal.withInitial(SmallEncoding::new);

  private static final class SmallEncoding {
    final JournalCodec.Encoder encoder = new JournalCodec.Encoder();
    final BoundedBuffer buffer = new BoundedBuffer();
  }

  /** The buffer of {@link #encodeSmall}: at most {@link #FUSED_BYTES}, unsynchronized (one thread encodes). */
  private static final class BoundedBuffer extends java.io.OutputStream {
    private static final byte[] NO_BYTES = new byte[0];
    /** A buffer kept for the thread's next entry when at most this large (a large one is let go). */
    private static final int KEPT_BYTES = 8 * 1024;
    /** Sized by the first writes (the codec writes its 5-byte header, then the whole plain body at once). */
    private byte[] bytes = NO_BYTES;
    private int count;

    /** Empties the buffer for the next entry. */
    void reset() {
      count = 0;
      if (bytes.length > KEPT_BYTES) {
        bytes = NO_BYTES;
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, count, length);
      count += length;
    }

    private void ensure(int length) {
      if (count + length > FUSED_BYTES) {
        throw new TooLarge();
      }
      if (count + length > bytes.length) {
        // room for a MAC's trailer too without another copy
        bytes = Arrays.copyOf(bytes, Math.min(FUSED_BYTES, Math.max(count + length + 64, bytes.length * 2)));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, count);
    }
  }

  /** Thrown by the bounded buffer of {@link #encodeSmall}: the entry goes the usual way. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  private void encode(JournalEntry entry, ChunkWriter sink) throws SQLException {
    try {
      JournalCodec.encode(entry, mac == null ? sink : mac.signing(entry.transactionId(), sink));
    } catch (IOException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("cannot write the journal entry of transaction " + entry.transactionId() + ": " + e,
          "HY000", e);
    }
  }

  /**
   * Receives an encoded entry. With a chunk count of 1 it keeps the first {@link #CHUNK_BYTES} and only
   * counts the rest (a probe: the caller inserts the one chunk, or learns the size); with a larger count it
   * inserts every chunk as soon as it is full.
   */
  private static final class ChunkWriter extends java.io.OutputStream {
    private final PreparedStatement insert;
    private final JournalEntry entry;
    private final int chunks;
    private byte[] buffer = new byte[1024];
    private int buffered;
    private long size;
    private int inserted;
    private boolean closed;

    ChunkWriter(PreparedStatement insert, JournalEntry entry, int chunks) {
      this.insert = insert;
      this.entry = entry;
      this.chunks = chunks;
    }

    boolean overflowed() {
      return size > CHUNK_BYTES;
    }

    long size() {
      return size;
    }

    int inserted() {
      return inserted;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      size += length;
      while (length > 0) {
        if (buffered == CHUNK_BYTES) {
          if (chunks == 1) {
            return;
          }
          insertBuffered();
        }
        int n = Math.min(length, CHUNK_BYTES - buffered);
        if (buffered + n > buffer.length) {
          buffer = Arrays.copyOf(buffer, Math.min(CHUNK_BYTES, Math.max(buffered + n, buffer.length * 2)));
        }
        System.arraycopy(bytes, offset, buffer, buffered, n);
        buffered += n;
        offset += n;
        length -= n;
      }
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        if (chunks > 1 && buffered > 0) {
          insertBuffered();
        }
      }
    }

    /** Inserts the one chunk of a probe that did not overflow. */
    void insertChunk() throws SQLException {
      try {
        insertBuffered();
      } catch (IOException e) {
        throw (SQLException) e.getCause();
      }
    }

    private void insertBuffered() throws IOException {
      try {
        insert.setString(1, entry.transactionId());
        insert.setInt(2, inserted);
        insert.setInt(3, chunks);
        insert.setString(4, entry.instance());
        insert.setBinaryStream(5, new java.io.ByteArrayInputStream(buffer, 0, buffered), buffered);
        insert.executeUpdate();
      } catch (SQLException e) {
        throw new IOException(e.getMessage(), e);
      }
      inserted++;
      buffered = 0;
    }
  }

  /**
   * The largest single-chunk payload {@link #readPending} reads inline, with the entry's position: smaller
   * entries cost no round trip of their own when applied. A cycle holds at most its row limit times this.
   */
  public static final int INLINE_BYTES = 64 * 1024;

  /**
   * The oldest pending entries, in journal order: at most about {@code limit} rows' worth. Rows' positions
   * are read here, with the payload of every single-chunk entry up to {@link #INLINE_BYTES}; {@link #payload}
   * streams a larger entry's bytes when it is applied. An entry whose rows do not form a whole (a chunk
   * missing, counts out of range: a forged or damaged row) comes back with its {@link PendingEntry#problem()}
   * set, so the applier can quarantine it instead of stalling.
   */
  public List<PendingEntry> readPending(Connection connection, int limit) throws SQLException {
    return readPending(connection, limit, List.of());
  }

  /**
   * The same, leaving out the given journal rows: entries already applied whose delete is still to come
   * (they stay in the table until then).
   */
  public List<PendingEntry> readPending(Connection connection, int limit, List<Long> skipRowIds) throws SQLException {
    Map<String, PendingEntry.Builder> byTxn = new LinkedHashMap<>();
    int rows;
    try (PreparedStatement select = connection.prepareStatement(pendingSql(limit, skipRowIds.size()))) {
      for (int i = 0; i < skipRowIds.size(); i++) {
        select.setLong(i + 1, skipRowIds.get(i));
      }
      select.setMaxRows(limit);
      rows = readRows(select, byTxn);
    }
    boolean wholeJournal = rows < limit;
    List<PendingEntry> complete = new ArrayList<>();
    for (PendingEntry.Builder builder : byTxn.values()) {
      if (!builder.isComplete() && builder.problem() == null) {
        if (!wholeJournal && !complete.isEmpty()) {
          break;
        }
        if (!wholeJournal) {
          // the oldest entry's other chunks lie beyond the rows read: read just that entry's rows
          return List.of(readWholeEntry(connection, builder.transactionId()));
        }
        builder.incomplete();
      }
      complete.add(builder.build());
    }
    return complete;
  }

  /** All rows of one transaction's entry (an entry is committed whole, so what is missing now stays missing). */
  private PendingEntry readWholeEntry(Connection connection, String transactionId) throws SQLException {
    Map<String, PendingEntry.Builder> byTxn = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, txn, chunk, chunks, created_at, NULL FROM " + quotedName + " WHERE txn = ? ORDER BY id")) {
      select.setString(1, transactionId);
      readRows(select, byTxn);
    }
    PendingEntry.Builder builder = byTxn.get(transactionId);
    if (builder == null) {
      throw new SQLException("journal entry " + transactionId + " disappeared while it was read", "HY000");
    }
    if (!builder.isComplete()) {
      builder.incomplete();
    }
    return builder.build();
  }

  private static int readRows(PreparedStatement select, Map<String, PendingEntry.Builder> byTxn) throws SQLException {
    int rows = 0;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows++;
        long id = rs.getLong(1);
        String txn = rs.getString(2);
        int chunk = rs.getInt(3);
        int chunks = rs.getInt(4);
        Timestamp created = rs.getTimestamp(5);
        byte[] inline = rs.getBytes(6);
        Instant committedAt = created == null ? Instant.now() : created.toInstant();
        byTxn.computeIfAbsent(String.valueOf(txn), t -> new PendingEntry.Builder(t, chunks, committedAt))
            .add(id, chunk, inline);
      }
    }
    return rows;
  }

  /**
   * The pending query: the oldest {@code limit} rows by primary key (an index range scan, not a sort of the
   * whole journal), but for {@code skipped} row ids given as parameters, with the payload inline where it is one small chunk. Oracle gets no inline payload (a
   * BLOB in a CASE is not portable there): its entries are read one query each, as before.
   */
  private String pendingSql(int limit, int skipped) {
    String columns = "SELECT id, txn, chunk, chunks, created_at, ";
    String from = " FROM " + quotedName
        + (skipped == 0 ? "" : " WHERE id NOT IN (" + String.join(",", java.util.Collections.nCopies(skipped, "?")) + ")")
        + " ORDER BY id";
    return switch (CanonicalSql.familyOf(dialect)) {
      case MYSQL, POSTGRESQL, H2 -> columns + "CASE WHEN chunks = 1 AND OCTET_LENGTH(payload) <= " + INLINE_BYTES
          + " THEN payload END" + from + " LIMIT " + limit;
      case OTHER -> columns + "NULL" + from + " FETCH FIRST " + limit + " ROWS ONLY";
    };
  }

  /**
   * The entry's encoded bytes: those read inline with it, or else read one chunk at a time as the stream is
   * consumed (one chunk in memory at most). The connection must stay open while the stream is read.
   */
  public java.io.InputStream payload(Connection connection, PendingEntry entry) {
    if (entry.inline() != null) {
      return new java.io.ByteArrayInputStream(entry.inline());
    }
    return new ChunkReader(connection, "SELECT payload FROM " + quotedName + " WHERE id = ?", entry.rowIds());
  }

  /** Reads and decodes an entry ({@link JournalFormatException} when it cannot be decoded). */
  public JournalEntry decode(Connection connection, PendingEntry entry) throws IOException {
    if (entry.problem() != null) {
      throw new JournalFormatException(entry.problem());
    }
    try (java.io.InputStream in = payload(connection, entry)) {
      if (mac == null) {
        return JournalCodec.decode(in);
      }
      JournalMac.Verifying verifying = mac.verifying(entry.transactionId(), in);
      JournalEntry decoded;
      try {
        decoded = JournalCodec.decode(verifying);
      } catch (JournalFormatException undecodable) {
        verifying.verify();
        throw undecodable;
      }
      verifying.verify();
      return decoded;
    }
  }

  /** Streams the payloads of a list of journal rows, fetching each row when the previous one is used up. */
  private static final class ChunkReader extends java.io.InputStream {
    private final Connection connection;
    private final String sql;
    private final List<Long> rowIds;
    private int next;
    private byte[] current = new byte[0];
    private int at;

    ChunkReader(Connection connection, String sql, List<Long> rowIds) {
      this.connection = connection;
      this.sql = sql;
      this.rowIds = rowIds;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (at >= current.length) {
        if (next >= rowIds.size()) {
          return -1;
        }
        current = fetch(rowIds.get(next++));
        at = 0;
      }
      int n = Math.min(length, current.length - at);
      System.arraycopy(current, at, bytes, offset, n);
      at += n;
      return n;
    }

    private byte[] fetch(long rowId) throws IOException {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setLong(1, rowId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new IOException("journal row " + rowId + " disappeared while it was read");
          }
          byte[] bytes = rs.getBytes(1);
          return bytes == null ? new byte[0] : bytes;
        }
      } catch (SQLException e) {
        throw new IOException("cannot read journal row " + rowId + ": " + e.getMessage(), e);
      }
    }
  }

  /** Deletes applied entries (all their chunks); returns the number of statements it took. */
  public int delete(Connection connection, List<PendingEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return 0;
    }
    int statements = 0;
    List<Long> ids = entries.stream().flatMap(e -> e.rowIds().stream()).toList();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> slice = ids.subList(from, Math.min(ids.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + quotedName + " WHERE id IN (" + marks + ")")) {
        for (int i = 0; i < slice.size(); i++) {
          delete.setLong(i + 1, slice.get(i));
        }
        delete.executeUpdate();
        statements++;
      }
    }
    return statements;
  }

  /** The transactions with an entry in the journal. */
  public Set<String> transactionIds(Connection connection) throws SQLException {
    Set<String> ids = new LinkedHashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT DISTINCT txn FROM " + quotedName)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** True while the transaction's entry is still waiting to be applied. */
  public boolean isPending(Connection connection, String transactionId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + quotedName + " WHERE txn = ?")) {
      select.setString(1, transactionId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The number of pending entries (rows' worth; an estimate when entries are chunked). */
  public long pendingCount(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + quotedName + " WHERE chunk = 0")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * An entry found in the table: its row ids (in chunk order) and time. {@code problem} is non-null when
   * its rows do not form a decodable whole.
   */
  public record PendingEntry(String transactionId, List<Long> rowIds, Instant committedAt, String problem,
      byte[] inline) {

    public PendingEntry(String transactionId, List<Long> rowIds, Instant committedAt, String problem) {
      this(transactionId, rowIds, committedAt, problem, null);
    }

    /** The largest number of chunks an entry may have: a payload below 2 GB. */
    static final int MAX_CHUNKS = Integer.MAX_VALUE / CHUNK_BYTES + 1;

    /** The entry's journal position: the smallest row id of its chunks. */
    public long id() {
      return rowIds.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    static final class Builder {
      private final String transactionId;
      private final int chunks;
      private final Instant committedAt;
      private final List<Long> allRowIds = new ArrayList<>();
      private final java.util.TreeMap<Integer, Long> byChunk = new java.util.TreeMap<>();
      private String problem;
      private byte[] inline;

      Builder(String transactionId, int chunks, Instant committedAt) {
        this.transactionId = transactionId;
        this.chunks = chunks;
        this.committedAt = committedAt;
        if (chunks < 1 || chunks > MAX_CHUNKS) {
          problem = "journal entry " + transactionId + " claims " + chunks + " chunks";
        }
      }

      void add(long rowId, int chunk, byte[] inlinePayload) {
        allRowIds.add(rowId);
        inline = allRowIds.size() == 1 && chunks == 1 ? inlinePayload : null;
        if (problem != null) {
          return;
        }
        if (chunk < 0 || chunk >= chunks) {
          problem = "journal entry " + transactionId + " has chunk " + chunk + " of " + chunks;
        } else if (byChunk.putIfAbsent(chunk, rowId) != null) {
          problem = "journal entry " + transactionId + " has chunk " + chunk + " twice";
        }
      }

      boolean isComplete() {
        return problem != null || byChunk.size() == chunks;
      }

      String transactionId() {
        return transactionId;
      }

      String problem() {
        return problem;
      }

      void incomplete() {
        problem = "journal entry " + transactionId + " is incomplete: " + byChunk.size() + " of " + chunks
            + " chunks";
      }

      PendingEntry build() {
        List<Long> ids = problem == null ? List.copyOf(byChunk.values()) : List.copyOf(allRowIds);
        return new PendingEntry(transactionId, ids, committedAt, problem, problem == null ? inline : null);
      }
    }
  }
}

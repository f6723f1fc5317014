package io.doltsync.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.DoltSync;
import io.doltsync.DoltSyncConnection;
import io.doltsync.testing.DoltDatabases;
import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import io.doltsync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reads that are not queries, on MariaDB, PostgreSQL and H2 through the Dolt test server:
 * <ul>
 *   <li>every write shape that takes rows from other tables ({@code INSERT ... SELECT} with joins,
 *       {@code UPDATE}/{@code DELETE} with subqueries, {@code CREATE TABLE AS SELECT}, the dialect's upsert with a
 *       source query, MySQL's multi-table UPDATE/DELETE, PostgreSQL's {@code UPDATE ... FROM},
 *       {@code DELETE ... USING} and MERGE, H2's MERGE forms), run in a scope as a plain or prepared statement,
 *       in auto-commit or in a transaction, records its source tables as reads at a commit whose content is what
 *       the write read (checked with {@code AS OF}), and its target as a write;</li>
 *   <li>queries on a detached head ({@code SET @@<db>_head = <commit>}) record their tables at the head's commit.</li>
 * </ul>
 * A seeded generator picks the sources, the statement form and the transaction mode for each shape; the sources
 * change between shapes, so each shape reads a different commit.
 */
class LineageReadsInsideWritesTest {

  private PrimaryKind.Space space;
  private String dolt;

  /** A write that reads {@code sources}; {@code %d} in its text is a number unique to the shape. */
  private record Shape(String name, String sql, List<String> sources, String written) {}

  @AfterEach
  void drop() throws SQLException {
    if (dolt != null) {
      DoltDatabases.drop(dolt);
    }
    if (space != null) {
      space.close();
    }
  }

  private Connection open() throws SQLException {
    return DriverManager.getConnection(DoltSyncUrls.mirroring(space.url(), dolt), space.kind().credentials());
  }

  private void setUp(PrimaryKind kind) throws SQLException {
    space = kind.createSpace("linrw");
    dolt = DoltDatabases.newName("linrw");
    try (Connection c = open(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE src_a (id INT PRIMARY KEY, n INT)");
      s.execute("CREATE TABLE src_b (id INT PRIMARY KEY, n INT)");
      s.execute("CREATE TABLE dst (id INT PRIMARY KEY, n INT)");
      s.execute("INSERT INTO src_a VALUES (1, 10), (2, 20), (3, 30)");
      s.execute("INSERT INTO src_b VALUES (1, 100), (2, 200)");
      s.execute("INSERT INTO dst VALUES (1, 1), (2, 2), (3, 3)");
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
    }
  }

  private static List<Shape> shapes(PrimaryKind kind) {
    List<Shape> shapes = new ArrayList<>(List.of(
        new Shape("insert select join", "INSERT INTO dst (id, n) SELECT a.id + %d, a.n + b.n FROM src_a a"
            + " JOIN src_b b ON b.id = a.id", List.of("src_a", "src_b"), "dst"),
        new Shape("update where in", "UPDATE dst SET n = n + %d WHERE id IN (SELECT id FROM src_b)",
            List.of("src_b"), "dst"),
        new Shape("update scalar subquery", "UPDATE dst SET n = (SELECT MAX(n) FROM src_a) + %d WHERE id = 3",
            List.of("src_a"), "dst"),
        new Shape("delete where in", "DELETE FROM dst WHERE id IN (SELECT id + 10 FROM src_a) AND id <> %d", List.of("src_a"),
            "dst"),
        new Shape("create table as select", "CREATE TABLE copy_%d AS SELECT id, n FROM src_b", List.of("src_b"),
            null)));
    switch (kind) {
      case MARIADB -> {
        shapes.add(new Shape("update join", "UPDATE dst d JOIN src_b b ON b.id = d.id SET d.n = b.n + %d",
            List.of("src_b"), "dst"));
        shapes.add(new Shape("delete join", "DELETE d FROM dst d JOIN src_a a ON a.id = d.id WHERE d.id <> %d",
            List.of("src_a"), "dst"));
        shapes.add(new Shape("upsert select", "INSERT INTO dst (id, n) SELECT id, n + %d FROM src_a"
            + " ON DUPLICATE KEY UPDATE n = VALUES(n)", List.of("src_a"), "dst"));
      }
      case POSTGRES -> {
        shapes.add(new Shape("update from", "UPDATE dst SET n = b.n + %d FROM src_b b WHERE dst.id = b.id",
            List.of("src_b"), "dst"));
        shapes.add(new Shape("delete using", "DELETE FROM dst USING src_a a WHERE dst.id = a.id AND dst.id <> %d",
            List.of("src_a"), "dst"));
        shapes.add(new Shape("upsert select", "INSERT INTO dst (id, n) SELECT id, n + %d FROM src_a"
            + " ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n", List.of("src_a"), "dst"));
        shapes.add(new Shape("merge using", "MERGE INTO dst d USING src_b b ON d.id = b.id"
            + " WHEN MATCHED THEN UPDATE SET n = b.n + %d WHEN NOT MATCHED THEN INSERT (id, n) VALUES (b.id, b.n)",
            List.of("src_b"), "dst"));
      }
      case H2 -> {
        shapes.add(new Shape("merge key select", "MERGE INTO dst KEY (id) SELECT id, n + %d FROM src_a",
            List.of("src_a"), "dst"));
        shapes.add(new Shape("merge using", "MERGE INTO dst d USING src_b b ON d.id = b.id"
            + " WHEN MATCHED THEN UPDATE SET n = b.n + %d WHEN NOT MATCHED THEN INSERT (id, n) VALUES (b.id, b.n)",
            List.of("src_b"), "dst"));
      }
      default -> { }
    }
    return shapes;
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void writesRecordTheTablesTheyReadAtTheCommitsThatHoldWhatTheyRead(PrimaryKind kind) throws Exception {
    setUp(kind);
    Random random = new Random(41 + kind.ordinal());
    List<Shape> shapes = shapes(kind);
    Lineage lineage;
    try (Connection c = open()) {
      lineage = DoltSync.lineageOf(c);
      for (int i = 0; i < shapes.size(); i++) {
        Shape shape = shapes.get(i);
        try (Statement s = c.createStatement()) { // the sources change: each shape reads other content
          s.executeUpdate("UPDATE src_a SET n = n + 1 WHERE id = " + (1 + random.nextInt(3)));
          s.executeUpdate("UPDATE src_b SET n = n + 1 WHERE id = " + (1 + random.nextInt(2)));
        }
        Map<String, String> sums = new HashMap<>();
        for (String source : shape.sources()) {
          sums.put(source, scalar(c, "SELECT SUM(n) FROM " + source));
        }
        String sql = String.format(shape.sql(), 10 + i);
        boolean prepared = random.nextBoolean();
        boolean transaction = random.nextBoolean() && !sql.startsWith("CREATE");
        int changed;
        try (LineageScope ignored = DoltSync.lineage(c, LineageUnit.of("rw", "r" + i, "step"))) {
          c.setAutoCommit(!transaction);
          if (prepared) {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
              changed = statement.executeUpdate();
            }
          } else {
            try (Statement statement = c.createStatement()) {
              changed = statement.executeUpdate(sql);
            }
          }
          if (transaction) {
            c.commit();
          }
          c.setAutoCommit(true);
        }
        String what = kind + " " + shape.name() + (prepared ? " prepared" : "") + (transaction ? " in a transaction" : "")
            + ": " + sql;
        List<LineageRecord> reads = lineage.reads("rw", "r" + i, "step");
        assertThat(reads).as(what).extracting(LineageRecord::table)
            .containsExactlyInAnyOrderElementsOf(new LinkedHashSet<>(shape.sources()));
        for (LineageRecord read : reads) {
          assertThat(number(doltScalar("SELECT SUM(n) FROM " + read.table() + " AS OF '" + read.commitHash() + "'")))
              .as(what + ": " + read.table() + " at the recorded commit").isEqualTo(number(sums.get(read.table())));
        }
        Set<String> written = new LinkedHashSet<>();
        lineage.writes("rw", "r" + i, "step").forEach(w -> written.add(w.table()));
        if (shape.written() != null) {
          assertThat(changed).as(what + " changes rows").isPositive();
          assertThat(written).as(what).contains(shape.written());
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void queriesOnADetachedHeadRecordTheHeadsCommit(PrimaryKind kind) throws Exception {
    setUp(kind);
    String before = doltScalar("SELECT HASHOF('main')");
    String oldSum = doltScalar("SELECT SUM(n) FROM src_a AS OF '" + before + "'");
    try (Connection c = open()) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE src_a SET n = n * 2");
      }
      c.unwrap(DoltSyncConnection.class).awaitMirrored(Duration.ofSeconds(60));
      String after = doltScalar("SELECT HASHOF('main')");
      assertThat(after).isNotEqualTo(before);
      try (LineageScope ignored = DoltSync.lineage(c, LineageUnit.of("head", "r1", "read"))) {
        try (Statement s = c.createStatement()) {
          s.execute("SET @@" + dolt + "_head = '" + before + "'");
        }
        assertThat(number(scalar(c, "SELECT SUM(n) FROM src_a"))).isEqualTo(number(oldSum));
        assertThat(scalar(c, "SELECT COUNT(*) FROM src_b b JOIN src_a a ON a.id = b.id")).isEqualTo("2");
        try (Statement s = c.createStatement()) {
          s.execute("SET @@" + dolt + "_head = NULL");
        }
        scalar(c, "SELECT SUM(n) FROM dst"); // back on the primary: the current state
      }
      List<LineageRecord> reads = DoltSync.lineageOf(c).reads("head", "r1", "read");
      assertThat(reads).filteredOn(r -> !r.table().equals("dst")).extracting(LineageRecord::table, LineageRecord::commitHash)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("src_a", before),
              org.assertj.core.groups.Tuple.tuple("src_b", before));
      assertThat(reads).filteredOn(r -> r.table().equals("dst")).extracting(LineageRecord::commitHash)
          .singleElement().isNotEqualTo(before);
    }
  }

  private static java.math.BigDecimal number(String text) {
    return new java.math.BigDecimal(text).stripTrailingZeros();
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  private String doltScalar(String sql) throws SQLException {
    try (Connection d = TestServers.dolt(dolt)) {
      return scalar(d, sql);
    }
  }
}

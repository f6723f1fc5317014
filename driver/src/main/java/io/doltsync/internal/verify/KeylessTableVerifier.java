package io.doltsync.internal.verify;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a table without a primary key as a multiset of rows. Rows are spread over buckets by their
 * hash (about {@code chunkRows} rows a bucket); each database computes every bucket's digest in one
 * grouped query, and only buckets whose digests differ are read, one at a time, and compared as
 * multisets in the JVM. When the table has columns without an exact text, every bucket is read. On Oracle,
 * which lacks the functions a digest needs, the whole table is compared in the JVM at once (its distinct
 * rows in memory).
 */
final class KeylessTableVerifier {

  private final TableSide primary;
  private final TableSide dolt;
  private final HashedColumns columns;
  private final int chunkRows;
  private final Differences differences;
  private final String primaryText;
  private final String doltText;

  KeylessTableVerifier(TableSide primary, TableSide dolt, HashedColumns columns, int chunkRows,
      Differences differences) {
    this.primary = primary;
    this.dolt = dolt;
    this.columns = columns;
    this.chunkRows = chunkRows;
    this.differences = differences;
    this.primaryText = primary.rowText(columns.hashed(), columns.texts());
    this.doltText = dolt.rowText(columns.hashed(), columns.texts());
  }

  /** Compares the whole table; returns the primary rows compared. */
  long run(long primaryRows, long doltRows, ProgressSink progress) throws SQLException {
    if (!primary.canDigest()) {
      compareRows("", List.of(), "", List.of());
      progress.rows(primaryRows);
      return primaryRows;
    }
    int buckets = (int) Math.max(1, Math.min(1_000_000, (Math.max(primaryRows, doltRows) + chunkRows - 1) / chunkRows));
    Map<Integer, TableSide.Digest> primaryDigests = bucketDigests(primary, primaryText, buckets);
    Map<Integer, TableSide.Digest> doltDigests = bucketDigests(dolt, doltText, buckets);
    Set<Integer> toRead = new TreeSet<>();
    Set<Integer> all = new HashSet<>(primaryDigests.keySet());
    all.addAll(doltDigests.keySet());
    for (Integer bucket : all) {
      TableSide.Digest p = primaryDigests.get(bucket);
      TableSide.Digest d = doltDigests.get(bucket);
      if (!columns.inJvm().isEmpty() || p == null || d == null || !p.same(d)) {
        toRead.add(bucket);
      }
    }
    long done = primaryRows - toRead.stream().mapToLong(b -> primaryDigests.containsKey(b) ? primaryDigests.get(b).count() : 0).sum();
    progress.rows(done);
    for (Integer bucket : toRead) {
      compareBucket(bucket, buckets);
      done += primaryDigests.containsKey(bucket) ? primaryDigests.get(bucket).count() : 0;
      progress.rows(done);
    }
    return primaryRows;
  }

  private static Map<Integer, TableSide.Digest> bucketDigests(TableSide side, String rowText, int buckets)
      throws SQLException {
    Map<Integer, TableSide.Digest> digests = new HashMap<>();
    side.scanDigests(side.bucketDigestQuery(rowText, buckets), (bucket, digest) -> digests.put(bucket, digest));
    return digests;
  }

  private void compareBucket(int bucket, int buckets) throws SQLException {
    compareRows(primary.bucketCondition(primaryText, buckets), List.of(bucket), dolt.bucketCondition(doltText, buckets),
        List.of(bucket));
  }

  /** Compares the rows matching the conditions as multisets. */
  private void compareRows(String primaryCondition, List<Object> primaryParameters, String doltCondition,
      List<Object> doltParameters) throws SQLException {
    Map<List<Object>, Tally> tallies = new HashMap<>();
    List<Integer> all = columns.all();
    primary.scan(all, primaryCondition, primaryParameters,
        row -> tallies.computeIfAbsent(CanonicalKey.of(row), k -> new Tally(row)).count++);
    dolt.scan(all, doltCondition, doltParameters,
        row -> tallies.computeIfAbsent(CanonicalKey.of(row), k -> new Tally(row)).count--);
    for (Tally tally : tallies.values()) {
      for (long i = 0; i < Math.abs(tally.count); i++) {
        if (tally.count > 0) {
          differences.keyless(tally.row, null);
        } else {
          differences.keyless(null, tally.row);
        }
      }
    }
  }

  /** A distinct row and how many more copies the primary has than Dolt. */
  private static final class Tally {
    final Object[] row;
    long count;

    Tally(Object[] row) {
      this.row = row;
    }
  }
}

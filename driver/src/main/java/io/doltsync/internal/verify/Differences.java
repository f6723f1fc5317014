package io.doltsync.internal.verify;

import io.doltsync.VerifyReport.RowDifference;
import io.doltsync.internal.dialect.CanonicalValues;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The differing rows of one table as they are found: counts every one, keeps at most {@code limit} of
 * them (and each keyed row once, even when two chunks of different key orders both meet it).
 */
final class Differences {

  private final int limit;
  private final List<RowDifference> rows = new ArrayList<>();
  private final Set<List<Object>> seenKeys = new HashSet<>();
  private final ChunkedDiff.RowDifferenceSink sink;
  private long count;

  Differences(int limit) {
    this.limit = limit;
    this.sink = null;
  }

  /** Streams every difference to {@code sink} and keeps none (a row met twice is handed over twice). */
  Differences(ChunkedDiff.RowDifferenceSink sink) {
    this.limit = 0;
    this.sink = sink;
  }

  /** Records a keyed row unless the two images are the same; either image may be null. */
  void keyed(Object[] key, Object[] primary, Object[] dolt) throws SQLException {
    if (primary != null && dolt != null && sameRow(primary, dolt)) {
      return;
    }
    if (sink != null) {
      count++;
      sink.differs(primary, dolt);
      return;
    }
    if (!seenKeys.add(CanonicalKey.of(key))) {
      return;
    }
    add(new RowDifference(Arrays.asList(key.clone()), primary == null ? null : Arrays.asList(primary.clone()),
        dolt == null ? null : Arrays.asList(dolt.clone())));
  }

  /** Records one surplus copy of a keyless row. */
  void keyless(Object[] primary, Object[] dolt) throws SQLException {
    if (sink != null) {
      count++;
      sink.differs(primary, dolt);
      return;
    }
    add(new RowDifference(null, primary == null ? null : Arrays.asList(primary.clone()),
        dolt == null ? null : Arrays.asList(dolt.clone())));
  }

  private void add(RowDifference difference) {
    count++;
    if (rows.size() < limit) {
      rows.add(difference);
    }
  }

  static boolean sameRow(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!CanonicalValues.same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  List<RowDifference> rows() {
    return rows;
  }

  long count() {
    return count;
  }

  /** Forgets everything (before a recheck). */
  void clear() {
    rows.clear();
    seenKeys.clear();
    count = 0;
  }
}

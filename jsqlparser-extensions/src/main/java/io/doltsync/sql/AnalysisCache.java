package io.doltsync.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyses (write analyses, classifications) by SQL text, bounded by entry count and total text length: when either bound would be
 * passed, the cache is cleared. Reads are lock-free; texts longer than a quarter of the length budget are
 * not kept.
 */
final class AnalysisCache<V> {

  static final int DEFAULT_MAX_ENTRIES = 4096;
  static final long DEFAULT_MAX_CHARS = 4L << 20;

  private final int maxEntries;
  private final long maxChars;
  private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();
  private final AtomicLong chars = new AtomicLong();

  AnalysisCache(int maxEntries, long maxChars) {
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
  }

  V get(String sql) {
    return entries.get(sql);
  }

  void put(String sql, V analysis) {
    if (sql.length() > maxChars / 4) {
      return;
    }
    if (entries.size() >= maxEntries || chars.addAndGet(sql.length()) > maxChars) {
      entries.clear();
      chars.set(sql.length());
    }
    entries.put(sql, analysis);
  }
}

package io.doltsync.internal.capture;

import io.doltsync.internal.logging.DoltSyncLoggers;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Says, once per SQL text and table in a JVM, why a write makes doltsync copy a table whole at commit
 * (the copy costs a read of the whole table per transaction, so an operator wants to know which statement
 * causes it and how to avoid it).
 */
final class CopyLog {

  private static final Logger LOG = DoltSyncLoggers.get(CopyLog.class);
  private static final int MAX_REMEMBERED = 10_000;
  private static final Set<String> NOTED = ConcurrentHashMap.newKeySet();

  private CopyLog() {}

  static void note(String sql, String table, String reason) {
    String key = table.toLowerCase(Locale.ROOT) + '\u0000' + sql;
    if (NOTED.size() >= MAX_REMEMBERED) {
      NOTED.clear();
    }
    if (NOTED.add(key)) {
      LOG.info("doltsync copies table {} whole at commit for this statement ({}): {}", table, reason,
          abbreviated(sql));
    }
  }

  private static String abbreviated(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
  }
}

package io.doltsync.sql.lex;

/**
 * The words the SQL analysis looks at, recognised case-insensitively. Lookup hashes the word's
 * characters into a small open-addressing table, so recognising a word allocates nothing.
 */
public enum Keyword {
  ABORT, ACTIVE_BRANCH, ALTER, ANALYSE, ANALYZE, AS, ATOMIC,
  BEGIN, BITMAP,
  CACHED, CALL, CASE, COMMENT, COMMIT, CREATE, CROSS,
  DATA, DEALLOCATE, DELAYED, DELETE, DESC, DESCRIBE, DISTINCT, DO, DROP, DUPLICATE,
  END, EXCEPT, EXEC, EXECUTE, EXISTS, EXPLAIN,
  FETCH, FINAL, FOR, FROM, FULL, FULLTEXT,
  GLOBAL, GROUP,
  HANDLER, HASH, HASHOF, HAS_ANCESTOR, HAVING, HIGH_PRIORITY,
  IF, IGNORE, IN, INDEX, INNER, INSERT, INTERSECT, INTO,
  JOIN,
  KEY,
  LATERAL, LEFT, LIMIT, LOAD, LOCAL, LOCK, LOOP, LOW_PRIORITY,
  MEMORY, MERGE, MINUS,
  NATURAL, NEW, NOT,
  OF, OFFLINE, OFFSET, OLD, ON, ONLINE, ONLY, OR, ORDER, OUTER,
  PERIOD, PREPARE, PRIVATE,
  QUICK,
  RECURSIVE, RELEASE, RENAME, REPEAT, REPLACE, RETURNING, RIGHT, ROLLBACK,
  SAVEPOINT, SCN, SELECT, SET, SHOW, SPATIAL, START, STRAIGHT_JOIN, SYSTEM_TIME, SYSTEM_TIMESTAMP, SYSTEM_VERSION,
  TABLE, TABLES, TEMP, TEMPORARY, TIMESTAMP, TO, TRANSACTION, TRUNCATE,
  UNION, UNIQUE, UNLOCK, UNLOGGED, UPDATE, UPSERT, USE, USING,
  VALUES, VERSION,
  WHERE, WHILE, WINDOW, WITH, WORK,
  XML;

  private static final int TABLE_MASK = 511;
  private static final Keyword[] TABLE_SLOTS = new Keyword[TABLE_MASK + 1];

  static {
    for (Keyword keyword : values()) {
      int slot = keyword.hash & TABLE_MASK;
      while (TABLE_SLOTS[slot] != null) {
        slot = (slot + 1) & TABLE_MASK;
      }
      TABLE_SLOTS[slot] = keyword;
    }
  }

  private final int hash;

  Keyword() {
    int h = 0;
    for (int i = 0; i < name().length(); i++) {
      h = foldHash(h, name().charAt(i));
    }
    this.hash = h;
  }

  /** Adds one character to a case-insensitive word hash; {@link SqlLexer} computes it while scanning a word. */
  static int foldHash(int hash, char c) {
    return 31 * hash + (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
  }

  /** The keyword a word spells (case-insensitive), or null. */
  public static Keyword valueOfWord(String word) {
    int hash = 0;
    for (int i = 0; i < word.length(); i++) {
      hash = foldHash(hash, word.charAt(i));
    }
    return lookup(word, 0, word.length(), hash);
  }

  /** The keyword spelled by {@code text[start, end)} whose {@link #foldHash} is {@code hash}, or null. */
  static Keyword lookup(String text, int start, int end, int hash) {
    for (int slot = hash & TABLE_MASK; ; slot = (slot + 1) & TABLE_MASK) {
      Keyword candidate = TABLE_SLOTS[slot];
      if (candidate == null) {
        return null;
      }
      if (candidate.hash == hash && candidate.spells(text, start, end)) {
        return candidate;
      }
    }
  }

  private boolean spells(String text, int start, int end) {
    String name = name();
    if (end - start != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = text.charAt(start + i);
      if (c >= 'a' && c <= 'z') {
        c -= 'a' - 'A';
      }
      if (c != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}

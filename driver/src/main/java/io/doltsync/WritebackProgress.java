package io.doltsync;

/** Told how far a write-back has come, table by table; called on the writing thread. */
@FunctionalInterface
public interface WritebackProgress {

  /** Nothing. */
  WritebackProgress NONE = (table, done, total) -> {};

  /**
   * @param table the table being written
   * @param done  its changed rows handled so far
   * @param total its changed rows in Dolt's diff
   */
  void rows(String table, long done, long total);
}

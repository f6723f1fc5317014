package io.doltsync;

/** Told how far {@link DoltSync#verify} has come, table by table; called on the verifying thread. */
@FunctionalInterface
public interface VerifyProgress {

  /** Nothing. */
  VerifyProgress NONE = (table, done, total) -> {};

  /**
   * @param table the table being compared
   * @param done  its primary rows compared so far
   * @param total its primary rows (counted when the table started)
   */
  void rows(String table, long done, long total);
}

package io.doltsync.export;

/** Told how far an export has come, table by table; called on the exporting thread. */
@FunctionalInterface
public interface ExportProgress {

  /** Nothing. */
  ExportProgress NONE = (table, done, total) -> {};

  /**
   * @param table the Dolt table being written
   * @param done  its rows written so far
   * @param total its rows at the revision
   */
  void rows(String table, long done, long total);
}

package io.doltsync.sql;

import java.util.List;
import java.util.Map;

/**
 * What one statement does to one table. A statement can write several tables (a MySQL multi-table
 * UPDATE or DELETE, a multi-statement text), each with its own TableWrite.
 *
 * @param schema       the schema or database qualifier as written (unquoted), or {@code null}
 * @param table        the table name as written, unquoted
 * @param alias        the alias given in the statement, or {@code null}
 * @param operation    what happens to the table
 * @param insertColumns for INSERT/REPLACE/MERGE: the column list as written, empty when omitted
 * @param insertRows   for INSERT ... VALUES: one list of sources per row, aligned with insertColumns
 *                     (or with the table's columns when the list is omitted); empty for INSERT ... SELECT.
 *                     {@code DEFAULT VALUES} (and MySQL's {@code VALUES ()}) is one empty row: every column
 *                     takes its default
 * @param insertFromSelect true for INSERT ... SELECT (rows not known from the text); also for the other
 *                     writes whose rows come from a query: CREATE TABLE ... AS SELECT, PostgreSQL's
 *                     SELECT ... INTO, SQL MERGE and Oracle's INSERT ALL
 * @param upsert       how an INSERT treats existing rows
 * @param assignments  for UPDATE (and ON DUPLICATE KEY UPDATE / ON CONFLICT DO UPDATE): column → new value,
 *                     column names unquoted and without qualifier
 * @param keyEqualities for UPDATE/DELETE: the WHERE conjuncts of the form {@code column = literal|?} that
 *                     apply to this table (top-level ANDs only; empty when the WHERE has an OR at the top,
 *                     or no WHERE), column names unquoted and without qualifier. When the statement reads
 *                     several tables, only columns qualified by this table's alias or name count;
 *                     {@code column = NULL} never does
 * @param preSelect    for UPDATE/DELETE: how to select the keys of the rows the statement touches, or
 *                     {@code null} when it cannot be cut from the text
 * @param renamedTo    for {@link Operation#RENAME}: the new table name, else {@code null}
 */
public record TableWrite(
    String schema,
    String table,
    String alias,
    Operation operation,
    List<String> insertColumns,
    List<List<ValueSource>> insertRows,
    boolean insertFromSelect,
    Upsert upsert,
    Map<String, ValueSource> assignments,
    Map<String, ValueSource> keyEqualities,
    PreSelect preSelect,
    String renamedTo) {

  public TableWrite {
    insertColumns = List.copyOf(insertColumns);
    insertRows = insertRows.stream().map(List::copyOf).toList();
    assignments = Map.copyOf(assignments);
    keyEqualities = Map.copyOf(keyEqualities);
  }

  /** What a statement does to a table. */
  public enum Operation {
    INSERT, UPDATE, DELETE, TRUNCATE,
    /** CREATE TABLE (also CREATE TABLE ... AS SELECT). */
    CREATE,
    /** ALTER TABLE, CREATE INDEX, DROP INDEX: the schema changes, the rows may too. */
    ALTER,
    DROP,
    /** RENAME TABLE / ALTER TABLE ... RENAME TO: see {@link #renamedTo()}. */
    RENAME
  }

  /** How an INSERT treats a row that collides with an existing key. */
  public enum Upsert {
    NONE,
    /** INSERT IGNORE, ON CONFLICT DO NOTHING. */
    IGNORE,
    /** ON DUPLICATE KEY UPDATE, ON CONFLICT ... DO UPDATE. */
    UPDATE,
    /** REPLACE INTO: deletes colliding rows, then inserts. */
    REPLACE,
    /** MERGE INTO ... USING / H2 MERGE INTO ... KEY: rows depend on the source; keys are not known from the text. */
    MERGE
  }
}

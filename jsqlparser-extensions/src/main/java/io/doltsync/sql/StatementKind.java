package io.doltsync.sql;

/** What a statement does, decided from its leading tokens. */
public enum StatementKind {
  SELECT, INSERT, UPDATE, DELETE, REPLACE, MERGE, CALL,
  CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE, TRUNCATE, CREATE_INDEX, DROP_INDEX,
  /** Other DDL: views, triggers, procedures, sequences, schemas, comments. */
  OTHER_DDL,
  BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT,
  SET, SHOW, USE, EXPLAIN, DESCRIBE, LOCK, UNLOCK, LOAD_DATA,
  /** Anything not recognised. Treated as a possible write (fail closed). */
  OTHER,
  /**
   * A lone statement the primary refuses as written: a quote or block comment left open at its end. Not a write: it
   * goes to the primary, which answers with its own syntax error and runs nothing.
   */
  UNREADABLE;

  /** True when the statement can change rows or schema of the primary: DML, DDL, CALL, LOAD and unknown statements. */
  public boolean isWrite() {
    return switch (this) {
      case INSERT, UPDATE, DELETE, REPLACE, MERGE, CALL, LOAD_DATA, OTHER -> true;
      default -> isDdl();
    };
  }

  /** True for data-definition statements. */
  public boolean isDdl() {
    return switch (this) {
      case CREATE_TABLE, ALTER_TABLE, DROP_TABLE, RENAME_TABLE, TRUNCATE, CREATE_INDEX, DROP_INDEX, OTHER_DDL -> true;
      default -> false;
    };
  }

  /** True for BEGIN/START TRANSACTION, COMMIT, ROLLBACK and the savepoint statements. */
  public boolean isTransactionControl() {
    return switch (this) {
      case BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT -> true;
      default -> false;
    };
  }
}

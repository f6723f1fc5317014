package io.doltsync.tck;

/** The kinds of write statement the workload mixes; each run counts how many of each ran and failed. */
public enum OpKind {
  ORM_INSERT("keyed prepared INSERT"),
  ORM_UPDATE("keyed prepared UPDATE (optimistic version check included)"),
  ORM_DELETE("keyed prepared DELETE"),
  MULTI_ROW_INSERT("multi-row INSERT ... VALUES"),
  GENERATED_KEYS_INSERT("INSERT with generated keys"),
  INSERT_SELECT("INSERT ... SELECT"),
  UPSERT("ON DUPLICATE KEY UPDATE / ON CONFLICT / MERGE / REPLACE / INSERT IGNORE"),
  RETURNING("RETURNING (H2: data-change delta table)"),
  RANGE_UPDATE("UPDATE with a range WHERE"),
  SUBQUERY_UPDATE("UPDATE with an IN-subquery"),
  JOIN_UPDATE("UPDATE joined with another table (H2: MERGE ... USING)"),
  RANGE_DELETE("DELETE with a range WHERE"),
  SUBQUERY_DELETE("DELETE with an IN-subquery"),
  JOIN_DELETE("DELETE joined with another table (H2: MERGE ... DELETE)"),
  KEY_UPDATE("UPDATE of primary-key columns"),
  UPDATABLE_RESULT_SET("updateRow/insertRow/deleteRow through a CONCUR_UPDATABLE result set"),
  TRUNCATE("TRUNCATE TABLE"),
  STATEMENT_BATCH("Statement.addBatch/executeBatch"),
  PREPARED_BATCH("PreparedStatement.addBatch/executeBatch"),
  CALLABLE("CallableStatement calling a stored procedure"),
  KEYLESS_WRITE("INSERT/UPDATE/DELETE on the keyless table"),
  CASCADE_DELETE("DELETE of parents with ON DELETE CASCADE / SET NULL children"),
  TRIGGER_WRITE("write to a table whose trigger writes another"),
  ADD_COLUMN("ALTER TABLE ADD COLUMN"),
  CREATE_TABLE("CREATE TABLE"),
  DROP_TABLE("DROP TABLE"),
  SCRATCH_WRITE("write to a table created by the workload"),
  /** Not a statement the generator makes: counts commit() failures. */
  COMMIT("Connection.commit()");

  private final String description;

  OpKind(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** DDL and TRUNCATE: statements that commit the open transaction where DDL is not transactional. */
  boolean isSchemaStatement() {
    return this == ADD_COLUMN || this == CREATE_TABLE || this == DROP_TABLE || this == TRUNCATE;
  }
}

package io.doltsync.internal.dialect;

/**
 * What one primary column becomes in Dolt.
 *
 * @param sql  the Dolt (MySQL 8) column type, e.g. {@code varchar(40)}
 * @param kind the canonical form of its values
 */
record DoltColumnType(String sql, ValueKind kind) {}

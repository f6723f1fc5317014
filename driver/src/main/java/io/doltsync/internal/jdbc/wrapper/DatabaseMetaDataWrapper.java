package io.doltsync.internal.jdbc.wrapper;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * The primary's metadata, unchanged (so frameworks still detect MySQL, PostgreSQL or H2), except that
 * {@link #getConnection()} returns the doltsync connection and result sets are wrapped.
 */
public final class DatabaseMetaDataWrapper extends AbstractWrapper<DatabaseMetaData> implements DatabaseMetaData {

  private final ConnectionWrapper connection;

  DatabaseMetaDataWrapper(DatabaseMetaData delegate, ConnectionWrapper connection) {
    super(delegate);
    this.connection = connection;
  }


  @Override
  protected void restorePrimary() throws SQLException {
    connection.beforePrimary();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    return clientSide().allProceduresAreCallable();
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    return clientSide().allTablesAreSelectable();
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    return clientSide().autoCommitFailureClosesAllResultSets();
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return clientSide().dataDefinitionCausesTransactionCommit();
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return clientSide().dataDefinitionIgnoredInTransactions();
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    return clientSide().deletesAreDetected(type);
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    return clientSide().doesMaxRowSizeIncludeBlobs();
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    return clientSide().generatedKeyAlwaysReturned();
  }

  @Override
  public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern), connection);
  }

  @Override
  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException {
    return ResultSetWrapper.wrap(primary().getBestRowIdentifier(catalog, schema, table, scope, nullable), connection);
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    return clientSide().getCatalogSeparator();
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    return clientSide().getCatalogTerm();
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return ResultSetWrapper.wrap(primary().getCatalogs(), connection);
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return ResultSetWrapper.wrap(primary().getClientInfoProperties(), connection);
  }

  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getColumnPrivileges(catalog, schema, table, columnNamePattern), connection);
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern), connection);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return ResultSetWrapper.wrap(primary().getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable), connection);
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return clientSide().getDatabaseMajorVersion();
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return clientSide().getDatabaseMinorVersion();
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    return clientSide().getDatabaseProductName();
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return clientSide().getDatabaseProductVersion();
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return clientSide().getDefaultTransactionIsolation();
  }

  @Override
  public int getDriverMajorVersion() {
    return clientSide().getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return clientSide().getDriverMinorVersion();
  }

  @Override
  public String getDriverName() throws SQLException {
    return clientSide().getDriverName();
  }

  @Override
  public String getDriverVersion() throws SQLException {
    return clientSide().getDriverVersion();
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return ResultSetWrapper.wrap(primary().getExportedKeys(catalog, schema, table), connection);
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    return clientSide().getExtraNameCharacters();
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern), connection);
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getFunctions(catalog, schemaPattern, functionNamePattern), connection);
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    return clientSide().getIdentifierQuoteString();
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return ResultSetWrapper.wrap(primary().getImportedKeys(catalog, schema, table), connection);
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException {
    return ResultSetWrapper.wrap(primary().getIndexInfo(catalog, schema, table, unique, approximate), connection);
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return clientSide().getJDBCMajorVersion();
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return clientSide().getJDBCMinorVersion();
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return clientSide().getMaxBinaryLiteralLength();
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return clientSide().getMaxCatalogNameLength();
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return clientSide().getMaxCharLiteralLength();
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return clientSide().getMaxColumnNameLength();
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return clientSide().getMaxColumnsInGroupBy();
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return clientSide().getMaxColumnsInIndex();
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return clientSide().getMaxColumnsInOrderBy();
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return clientSide().getMaxColumnsInSelect();
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return clientSide().getMaxColumnsInTable();
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return clientSide().getMaxConnections();
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return clientSide().getMaxCursorNameLength();
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return clientSide().getMaxIndexLength();
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    return clientSide().getMaxLogicalLobSize();
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return clientSide().getMaxProcedureNameLength();
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return clientSide().getMaxRowSize();
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return clientSide().getMaxSchemaNameLength();
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return clientSide().getMaxStatementLength();
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return clientSide().getMaxStatements();
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return clientSide().getMaxTableNameLength();
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return clientSide().getMaxTablesInSelect();
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return clientSide().getMaxUserNameLength();
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    return clientSide().getNumericFunctions();
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return ResultSetWrapper.wrap(primary().getPrimaryKeys(catalog, schema, table), connection);
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern), connection);
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    return clientSide().getProcedureTerm();
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getProcedures(catalog, schemaPattern, procedureNamePattern), connection);
  }

  @Override
  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern), connection);
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return clientSide().getResultSetHoldability();
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    return clientSide().getRowIdLifetime();
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    return clientSide().getSQLKeywords();
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return clientSide().getSQLStateType();
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    return clientSide().getSchemaTerm();
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return ResultSetWrapper.wrap(primary().getSchemas(), connection);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getSchemas(catalog, schemaPattern), connection);
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    return clientSide().getSearchStringEscape();
  }

  @Override
  public String getStringFunctions() throws SQLException {
    return clientSide().getStringFunctions();
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getSuperTables(catalog, schemaPattern, tableNamePattern), connection);
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getSuperTypes(catalog, schemaPattern, typeNamePattern), connection);
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    return clientSide().getSystemFunctions();
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    return ResultSetWrapper.wrap(primary().getTablePrivileges(catalog, schemaPattern, tableNamePattern), connection);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return ResultSetWrapper.wrap(primary().getTableTypes(), connection);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
    return ResultSetWrapper.wrap(primary().getTables(catalog, schemaPattern, tableNamePattern, types), connection);
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    return clientSide().getTimeDateFunctions();
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    return ResultSetWrapper.wrap(primary().getTypeInfo(), connection);
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
    return ResultSetWrapper.wrap(primary().getUDTs(catalog, schemaPattern, typeNamePattern, types), connection);
  }

  @Override
  public String getURL() throws SQLException {
    return clientSide().getURL();
  }

  @Override
  public String getUserName() throws SQLException {
    return clientSide().getUserName();
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return ResultSetWrapper.wrap(primary().getVersionColumns(catalog, schema, table), connection);
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    return clientSide().insertsAreDetected(type);
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    return clientSide().isCatalogAtStart();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return primary().isReadOnly();
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    return clientSide().locatorsUpdateCopy();
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    return clientSide().nullPlusNonNullIsNull();
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    return clientSide().nullsAreSortedAtEnd();
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    return clientSide().nullsAreSortedAtStart();
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    return clientSide().nullsAreSortedHigh();
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    return clientSide().nullsAreSortedLow();
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    return clientSide().othersDeletesAreVisible(type);
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    return clientSide().othersInsertsAreVisible(type);
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    return clientSide().othersUpdatesAreVisible(type);
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    return clientSide().ownDeletesAreVisible(type);
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    return clientSide().ownInsertsAreVisible(type);
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    return clientSide().ownUpdatesAreVisible(type);
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return primary().storesLowerCaseIdentifiers();
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return clientSide().storesLowerCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return clientSide().storesMixedCaseIdentifiers();
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return clientSide().storesMixedCaseQuotedIdentifiers();
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return clientSide().storesUpperCaseIdentifiers();
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return clientSide().storesUpperCaseQuotedIdentifiers();
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    return clientSide().supportsANSI92EntryLevelSQL();
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    return clientSide().supportsANSI92FullSQL();
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    return clientSide().supportsANSI92IntermediateSQL();
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    return clientSide().supportsAlterTableWithAddColumn();
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    return clientSide().supportsAlterTableWithDropColumn();
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return clientSide().supportsBatchUpdates();
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return clientSide().supportsCatalogsInDataManipulation();
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return clientSide().supportsCatalogsInIndexDefinitions();
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return clientSide().supportsCatalogsInPrivilegeDefinitions();
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return clientSide().supportsCatalogsInProcedureCalls();
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return clientSide().supportsCatalogsInTableDefinitions();
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    return clientSide().supportsColumnAliasing();
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    return clientSide().supportsConvert();
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) throws SQLException {
    return clientSide().supportsConvert(fromType, toType);
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    return clientSide().supportsCoreSQLGrammar();
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    return clientSide().supportsCorrelatedSubqueries();
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return clientSide().supportsDataDefinitionAndDataManipulationTransactions();
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return clientSide().supportsDataManipulationTransactionsOnly();
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    return clientSide().supportsDifferentTableCorrelationNames();
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    return clientSide().supportsExpressionsInOrderBy();
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    return clientSide().supportsExtendedSQLGrammar();
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    return clientSide().supportsFullOuterJoins();
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return clientSide().supportsGetGeneratedKeys();
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    return clientSide().supportsGroupBy();
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    return clientSide().supportsGroupByBeyondSelect();
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    return clientSide().supportsGroupByUnrelated();
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    return clientSide().supportsIntegrityEnhancementFacility();
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    return clientSide().supportsLikeEscapeClause();
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    return clientSide().supportsLimitedOuterJoins();
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    return clientSide().supportsMinimumSQLGrammar();
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return clientSide().supportsMixedCaseIdentifiers();
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return clientSide().supportsMixedCaseQuotedIdentifiers();
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    return clientSide().supportsMultipleOpenResults();
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    return clientSide().supportsMultipleResultSets();
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return clientSide().supportsMultipleTransactions();
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    return clientSide().supportsNamedParameters();
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    return clientSide().supportsNonNullableColumns();
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    return clientSide().supportsOpenCursorsAcrossCommit();
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    return clientSide().supportsOpenCursorsAcrossRollback();
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    return clientSide().supportsOpenStatementsAcrossCommit();
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    return clientSide().supportsOpenStatementsAcrossRollback();
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    return clientSide().supportsOrderByUnrelated();
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    return clientSide().supportsOuterJoins();
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return clientSide().supportsPositionedDelete();
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return clientSide().supportsPositionedUpdate();
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    return clientSide().supportsRefCursors();
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    return clientSide().supportsResultSetConcurrency(type, concurrency);
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    return clientSide().supportsResultSetHoldability(holdability);
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    return clientSide().supportsResultSetType(type);
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return clientSide().supportsSavepoints();
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return clientSide().supportsSchemasInDataManipulation();
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return clientSide().supportsSchemasInIndexDefinitions();
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return clientSide().supportsSchemasInPrivilegeDefinitions();
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return clientSide().supportsSchemasInProcedureCalls();
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return clientSide().supportsSchemasInTableDefinitions();
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return clientSide().supportsSelectForUpdate();
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    return clientSide().supportsSharding();
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    return clientSide().supportsStatementPooling();
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    return clientSide().supportsStoredFunctionsUsingCallSyntax();
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    return clientSide().supportsStoredProcedures();
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    return clientSide().supportsSubqueriesInComparisons();
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    return clientSide().supportsSubqueriesInExists();
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    return clientSide().supportsSubqueriesInIns();
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    return clientSide().supportsSubqueriesInQuantifieds();
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    return clientSide().supportsTableCorrelationNames();
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return clientSide().supportsTransactionIsolationLevel(level);
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return clientSide().supportsTransactions();
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    return clientSide().supportsUnion();
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    return clientSide().supportsUnionAll();
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    return clientSide().updatesAreDetected(type);
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    return clientSide().usesLocalFilePerTable();
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    return clientSide().usesLocalFiles();
  }
}

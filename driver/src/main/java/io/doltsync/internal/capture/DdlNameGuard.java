package io.doltsync.internal.capture;

import io.doltsync.internal.dialect.DoltNames;
import io.doltsync.internal.mirror.SchemaCatalog;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import io.doltsync.sql.WriteAnalyzer;
import io.doltsync.sql.lex.Identifiers;
import io.doltsync.sql.lex.Keyword;
import io.doltsync.sql.lex.TokenList;
import io.doltsync.sql.lex.TokenType;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * Refuses, before the primary runs it, a DDL statement whose new table or column names doltsync would refuse
 * at its commit ({@link DoltNames}): on primaries whose DDL commits implicitly (MariaDB, MySQL, H2, Oracle)
 * the table would otherwise already exist there when doltsync reports it. Reads CREATE TABLE (also IF NOT
 * EXISTS, AS SELECT, LIKE), ALTER TABLE ... ADD/CHANGE/MODIFY/RENAME [COLUMN]/RENAME TO and RENAME TABLE;
 * a statement it cannot read is left to the check at commit. Only tables the filter mirrors are checked.
 */
final class DdlNameGuard {

  private final SchemaCatalog catalog;
  private final WriteAnalyzer parser;
  private volatile UnaryOperator<String> unquotedFolding = UnaryOperator.identity();
  private volatile int truncatedBytes;
  private volatile boolean learned;

  DdlNameGuard(SchemaCatalog catalog, WriteAnalyzer parser) {
    this.catalog = catalog;
    this.parser = parser;
  }

  /** A guard that knows what this one learned, reading DDL with {@code other}. */
  DdlNameGuard readingWith(WriteAnalyzer other) {
    DdlNameGuard guard = new DdlNameGuard(catalog, other);
    guard.unquotedFolding = unquotedFolding;
    guard.truncatedBytes = truncatedBytes;
    guard.learned = learned;
    return guard;
  }

  /** Learns how the primary stores unquoted identifiers (upper case in H2 and Oracle, lower in PostgreSQL). */
  void learnIdentifierCase(DatabaseMetaData metaData) throws SQLException {
    if (metaData.storesUpperCaseIdentifiers()) {
      unquotedFolding = name -> name.toUpperCase(Locale.ROOT);
    } else if (metaData.storesLowerCaseIdentifiers()) {
      unquotedFolding = name -> name.toLowerCase(Locale.ROOT);
    } else {
      unquotedFolding = UnaryOperator.identity();
    }
    learned = true;
    truncatedBytes = "PostgreSQL".equalsIgnoreCase(metaData.getDatabaseProductName())
        ? PostgresNames.MAX_BYTES : 0;
  }

  /** The key (lower case) of the table PostgreSQL stores for a name as written, or the key itself elsewhere. */
  String storedKey(String key) {
    return truncatedBytes > 0 ? PostgresNames.truncate(key) : key;
  }

  /** Throws the {@link DoltNames} refusal for a name the statement would give a mirrored table. */
  void check(String sql) throws SQLException {
    if (!learned) {
      return; // without the primary's identifier case, the names it stores are not known: left to the commit
    }
    Statement statement = parser.parseOne(sql);
    if (statement == null || !readable(statement)) {
      // a name JSqlParser cannot read (a ';' or '--' in a quoted name) or splits (`t@x` as a database link,
      // "t.dot" as qualified): the created table's own name is still read from the tokens, since a table Dolt
      // cannot name, once created, was refused only at its first write (journal capture) or stopped the applier
      // (wal capture, which mirrors a published table from its first change); the rest is left to the commit
      String created = createdTableName(sql);
      if (created != null) {
        checkTable(name(created), null, List.of());
      }
      return;
    }
    if (statement instanceof CreateTable create) {
      String table = name(create.getTable());
      if (create.isIfNotExists() && existing(table).isPresent()) {
        return; // the primary keeps the table it has
      }
      List<String> columns = new ArrayList<>();
      if (create.getColumnDefinitions() != null) {
        for (ColumnDefinition column : create.getColumnDefinitions()) {
          columns.add(name(column.getColumnName()));
        }
      }
      checkTable(table, null, columns);
    } else if (statement instanceof Alter alter) {
      checkAlter(alter);
    } else if (statement instanceof RenameTableStatement rename) {
      for (var names : rename.getTableNames()) {
        checkTable(name(names.getValue()), name(names.getKey()), List.of());
      }
    }
  }

  private void checkAlter(Alter alter) throws SQLException {
    String table = name(alter.getTable());
    if (alter.getAlterExpressions() == null || !catalog.isMirroredName(table)) {
      return;
    }
    List<String> columns = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    String renamedTo = null;
    for (AlterExpression expression : alter.getAlterExpressions()) {
      AlterOperation operation = expression.getOperation();
      if (operation == AlterOperation.RENAME_TABLE && expression.getNewTableName() != null) {
        List<String> parts = Identifiers.parts(expression.getNewTableName());
        renamedTo = name(parts.get(parts.size() - 1));
      } else if (operation == AlterOperation.RENAME && expression.getColumnName() != null) {
        columns.add(name(expression.getColumnName()));
        if (expression.getColOldName() != null) {
          dropped.add(name(expression.getColOldName()));
        }
      } else if ((operation == AlterOperation.ADD || operation == AlterOperation.CHANGE
          || operation == AlterOperation.MODIFY || operation == AlterOperation.ALTER)
          && expression.getColDataTypeList() != null) {
        if (expression.getColOldName() != null) {
          dropped.add(name(expression.getColOldName()));
        }
        for (AlterExpression.ColumnDataType column : expression.getColDataTypeList()) {
          columns.add(name(column.getColumnName()));
        }
      }
    }
    for (String column : columns) {
      DoltNames.checkColumnName(table, column);
    }
    Optional<TableSchema> existing = existing(table);
    if (existing.isPresent() && !columns.isEmpty()) {
      List<String> all = new ArrayList<>();
      for (ColumnSchema column : existing.get().columns()) {
        boolean replaced = columns.stream().anyMatch(c -> c.equals(column.name()))
            || dropped.stream().anyMatch(d -> d.equalsIgnoreCase(column.name()));
        if (!replaced) {
          all.add(column.name());
        }
      }
      all.addAll(columns);
      DoltNames.checkColumnNames(table, all);
    }
    if (renamedTo != null) {
      checkTable(renamedTo, table, List.of());
    }
  }

  /** Checks a table name a statement creates (or renames {@code from} to) and its new columns. */
  private void checkTable(String table, String from, List<String> columns) throws SQLException {
    if (!catalog.isMirroredName(table)) {
      return;
    }
    DoltNames.checkTableName(table);
    DoltNames.checkColumnNames(table, columns);
    List<String> others = new ArrayList<>();
    for (TableSchema mirrored : mirroredTables()) {
      if (from == null || !mirrored.name().equalsIgnoreCase(from)) {
        others.add(mirrored.name());
      }
    }
    DoltNames.checkDistinct(table, others);
  }

  private Optional<TableSchema> existing(String table) {
    return mirroredTables().stream().filter(t -> t.name().equals(table)).findFirst();
  }

  private List<TableSchema> mirroredTables() {
    try {
      return List.copyOf(catalog.tables());
    } catch (IllegalStateException notLoaded) {
      return List.of();
    }
  }

  /**
   * The table (as the primary stores its name) a {@code CREATE TABLE} text creates, read from its tokens, or
   * {@code null}: for a DDL text JSqlParser cannot read, whose new table the conservative plan must still capture.
   */
  String createdTable(String sql) {
    String created = createdTableName(sql);
    return created == null ? null : name(created);
  }

  /**
   * The table a {@code CREATE TABLE [IF NOT EXISTS] <name>} creates, as written (one identifier, quoted or not), from
   * the statement's tokens; {@code null} for any other statement or a qualified name.
   */
  private String createdTableName(String sql) {
    TokenList tokens = TokenList.of(sql, parser.dialect());
    if (tokens.size() < 3 || tokens.keyword(0) != Keyword.CREATE || tokens.keyword(1) != Keyword.TABLE) {
      return null;
    }
    int at = 2;
    if (tokens.size() > 5 && tokens.keyword(2) == Keyword.IF && tokens.keyword(3) == Keyword.NOT
        && tokens.keyword(4) == Keyword.EXISTS) {
      at = 5;
    }
    if (at >= tokens.size() || (tokens.type(at) != TokenType.WORD && tokens.type(at) != TokenType.QUOTED_IDENTIFIER)
        || (at + 1 < tokens.size() && tokens.type(at + 1) == TokenType.DOT)) {
      return null;
    }
    return tokens.tokenText(at);
  }

  /** True when every name the statement gives is read whole: plain, or quoted from end to end. */
  private static boolean readable(Statement statement) {
    List<String> written = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    if (statement instanceof CreateTable create) {
      tables.add(create.getTable());
      if (create.getColumnDefinitions() != null) {
        create.getColumnDefinitions().forEach(c -> written.add(c.getColumnName()));
      }
    } else if (statement instanceof Alter alter) {
      tables.add(alter.getTable());
      if (alter.getAlterExpressions() != null) {
        for (AlterExpression expression : alter.getAlterExpressions()) {
          written.add(expression.getColumnName());
          written.add(expression.getColOldName());
          if (expression.getNewTableName() != null) {
            Identifiers.parts(expression.getNewTableName()).forEach(written::add);
          }
          if (expression.getColDataTypeList() != null) {
            expression.getColDataTypeList().forEach(c -> written.add(c.getColumnName()));
          }
        }
      }
    } else if (statement instanceof RenameTableStatement rename) {
      rename.getTableNames().forEach(names -> {
        tables.add(names.getKey());
        tables.add(names.getValue());
      });
    }
    for (Table table : tables) {
      if (table == null || table.getName() == null || !table.getFullyQualifiedName().equals(table.getName())) {
        return false; // qualified, or split at a dot or an at sign
      }
      written.add(table.getName());
    }
    return written.stream().allMatch(DdlNameGuard::whole);
  }

  private static boolean whole(String name) {
    if (name == null || name.isEmpty()) {
      return true;
    }
    char first = name.charAt(0);
    if (first != '"' && first != '`' && first != '[') {
      return name.chars().noneMatch(c -> c == '"' || c == '`' || c == '@' || c == '.');
    }
    char last = name.charAt(name.length() - 1);
    return name.length() >= 2 && (first == '[' ? last == ']' : last == first);
  }

  /** The name the primary stores for a (possibly qualified, possibly quoted) name as written. */
  private String name(Table table) {
    return name(table.getName());
  }

  private String name(String written) {
    String unquoted = Identifiers.unquote(written);
    String stored = unquoted.equals(written) ? unquotedFolding.apply(written) : unquoted;
    return truncatedBytes > 0 ? PostgresNames.truncate(stored) : stored;
  }
}

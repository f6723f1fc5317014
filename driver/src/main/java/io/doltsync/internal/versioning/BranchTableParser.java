package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the writes to {@code dolt_branches} doltsync supports ({@link BranchTableWrite}). {@code ==} is read
 * as {@code =}, as the 2020 posts wrote it ({@code WHERE name == "master" and hash == @@mydb_head}).
 */
final class BranchTableParser {

  static final String TABLE = "dolt_branches";

  private static final String SUPPORTED = "supported: INSERT INTO dolt_branches (name, hash) VALUES (...), ...;"
      + " UPDATE dolt_branches SET hash = ... WHERE name = ... [AND hash = ...];"
      + " DELETE FROM dolt_branches WHERE name = ... [AND hash = ...]";

  private BranchTableParser() {
  }

  /**
   * The write a statement makes to {@code dolt_branches}; null when it writes no {@code dolt_branches}.
   *
   * @param database the mirrored database, the only one whose {@code dolt_branches} doltsync makes writable
   * @throws SQLFeatureNotSupportedException for a write to {@code dolt_branches} of another form
   */
  static BranchTableWrite parse(SqlText text, String database) throws SQLException {
    List<QualifiedName> targets = WriteTargets.of(text);
    QualifiedName target = targets == null ? null : targets.stream()
        .filter(name -> name.name().equalsIgnoreCase(TABLE))
        .findFirst()
        .orElse(null);
    if (target == null) {
      return null;
    }
    if (target.qualifier() != null && !Revisions.databaseOf(target.qualifier()).equals(database)) {
      throw new SQLFeatureNotSupportedException("doltsync makes the dolt_branches table of database " + database
          + " writable, not that of " + target.qualifier(), "0A000");
    }
    Cursor cursor = new Cursor(text);
    BranchTableWrite write;
    if (cursor.word("INSERT")) {
      write = insert(cursor);
    } else if (cursor.word("UPDATE")) {
      write = update(cursor);
    } else {
      write = cursor.word("DELETE") ? delete(cursor) : null;
    }
    if (write == null) {
      throw new SQLFeatureNotSupportedException("unsupported write to dolt_branches: " + text.sql() + " (" + SUPPORTED
          + ")", "0A000");
    }
    return write;
  }

  private static BranchTableWrite insert(Cursor cursor) {
    if (!cursor.word("INTO") || !cursor.table()) {
      return null;
    }
    List<String> columns = List.of("name", "hash");
    if (cursor.at(TokenType.LEFT_PAREN)) {
      List<String> listed = new ArrayList<>();
      for (SqlText column : cursor.parenthesized()) {
        listed.add(column.size() == 1 ? column.token(0).name().toLowerCase(Locale.ROOT) : "");
      }
      if (listed.size() != 2 || !listed.containsAll(columns)) {
        return null;
      }
      columns = listed;
    }
    if (!cursor.word("VALUES") && !cursor.word("VALUE")) {
      return null;
    }
    List<BranchTableWrite.NewBranch> branches = new ArrayList<>();
    do {
      if (!cursor.at(TokenType.LEFT_PAREN)) {
        return null;
      }
      List<SqlText> row = cursor.parenthesized();
      if (row.size() != 2) {
        return null;
      }
      int name = columns.indexOf("name");
      branches.add(new BranchTableWrite.NewBranch(row.get(name), row.get(1 - name)));
    } while (cursor.skip(TokenType.COMMA));
    return cursor.atEnd() ? new BranchTableWrite.Create(branches) : null;
  }

  private static BranchTableWrite update(Cursor cursor) {
    if (!cursor.table() || !cursor.word("SET") || !cursor.column("hash") || !cursor.equalsSign()) {
      return null;
    }
    SqlText target = cursor.expressionUntil("WHERE");
    Map<String, SqlText> where = cursor.word("WHERE") ? cursor.conditions() : null;
    return where == null ? null : new BranchTableWrite.Move(where.get("name"), target, where.get("hash"));
  }

  private static BranchTableWrite delete(Cursor cursor) {
    if (!cursor.word("FROM") || !cursor.table() || !cursor.word("WHERE")) {
      return null;
    }
    Map<String, SqlText> where = cursor.conditions();
    return where == null ? null : new BranchTableWrite.Delete(where.get("name"), where.get("hash"));
  }

  /** A position in the statement's tokens. */
  private static final class Cursor {
    private final SqlText text;
    private int at;

    Cursor(SqlText text) {
      this.text = text;
    }

    boolean word(String word) {
      return text.token(at).isWord(word) && advance();
    }

    boolean skip(TokenType type) {
      return at(type) && advance();
    }

    boolean at(TokenType type) {
      return text.token(at).type() == type;
    }

    boolean atEnd() {
      return text.token(at).endsStatement();
    }

    boolean table() {
      QualifiedName name = QualifiedName.at(text, at);
      if (name == null || !name.name().equalsIgnoreCase(TABLE)) {
        return false;
      }
      at += name.tokenCount();
      return true;
    }

    boolean column(String column) {
      return text.token(at).isName() && text.token(at).name().equalsIgnoreCase(column) && advance();
    }

    /** {@code =}, or {@code ==} written without a space. */
    boolean equalsSign() {
      SqlText.Token first = text.token(at);
      if (!first.isOperator("=")) {
        return false;
      }
      SqlText.Token second = text.token(at + 1);
      at += second.isOperator("=") && second.start() == first.end() ? 2 : 1;
      return true;
    }

    /** The items of the parenthesized list at the cursor, which moves past it. */
    List<SqlText> parenthesized() {
      int close = text.closingParen(at);
      if (close < 0) {
        at = text.size();
        return List.of();
      }
      List<SqlText> items = text.items(at, close);
      at = close + 1;
      return items;
    }

    /** The expression from the cursor up to a top-level {@code word} or the end. */
    SqlText expressionUntil(String word) {
      int start = at;
      int depth = 0;
      for (; !text.token(at).endsStatement(); at++) {
        TokenType type = text.token(at).type();
        depth += type == TokenType.LEFT_PAREN ? 1 : type == TokenType.RIGHT_PAREN ? -1 : 0;
        if (depth == 0 && text.token(at).isWord(word)) {
          break;
        }
      }
      return text.slice(start, at);
    }

    /**
     * {@code name = <e> [AND hash = <e>]} in either order, up to the end; column → expression. Null unless
     * {@code name} is there and each column at most once.
     */
    Map<String, SqlText> conditions() {
      Map<String, SqlText> conditions = new HashMap<>();
      do {
        String column = text.token(at).isName() ? text.token(at).name().toLowerCase(Locale.ROOT) : "";
        if (!(column.equals("name") || column.equals("hash")) || conditions.containsKey(column)) {
          return null;
        }
        advance();
        if (!equalsSign()) {
          return null;
        }
        SqlText value = expressionUntil("AND");
        if (value.size() == 0 || hasTopLevelOr(value)) {
          return null;
        }
        conditions.put(column, value);
      } while (word("AND"));
      return atEnd() && conditions.containsKey("name") ? conditions : null;
    }

    private static boolean hasTopLevelOr(SqlText expression) {
      int depth = 0;
      for (int i = 0; i < expression.size(); i++) {
        SqlText.Token token = expression.token(i);
        depth += token.type() == TokenType.LEFT_PAREN ? 1 : token.type() == TokenType.RIGHT_PAREN ? -1 : 0;
        if (depth == 0 && (token.isWord("OR") || token.isWord("XOR") || token.isOperator("|"))) {
          return true;
        }
      }
      return false;
    }

    private boolean advance() {
      at++;
      return true;
    }
  }
}

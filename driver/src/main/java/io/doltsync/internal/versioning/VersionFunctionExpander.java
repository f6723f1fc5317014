package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@code DOLT_COMMIT()}, {@code COMMIT()} and {@code MERGE()} calls of a statement (Dolt no longer
 * knows them) and puts each result in place of its call as a bound value, so that Dolt, or the rest of
 * doltsync, sees a plain statement.
 *
 * <p>Before any call runs, the statement's {@code @@<db>_head} references are replaced by the head's
 * value, so that the guard of {@code UPDATE dolt_branches SET hash = COMMIT('-m', 'x') WHERE name = 'b'
 * AND hash = @@<db>_head} is the head the commit was made on, as it was in 2020.
 */
final class VersionFunctionExpander {

  private final String database;
  private final VersionCommands commands;

  VersionFunctionExpander(String database, VersionCommands commands) {
    this.database = database;
    this.commands = commands;
  }

  /**
   * For a statement that is only {@code SELECT <call> [[AS] alias]}: runs the call and returns its result
   * as one row, in a column named by the alias or {@code hash}. Null for any other statement.
   */
  ResultSet selectOfOneCall(Connection connection, SqlText text) throws SQLException {
    if (!text.token(0).isWord("SELECT")) {
      return null;
    }
    List<VersionFunctionCall> calls = VersionFunctionCall.find(text);
    if (calls.size() != 1 || calls.get(0).nameToken() != 1) {
      return null;
    }
    VersionFunctionCall call = calls.get(0);
    int next = call.closeParen() + 1;
    if (text.token(next).isWord("AS")) {
      next++;
    }
    String label = SyntheticResults.HASH;
    if (text.token(next).isName()) {
      label = text.token(next++).name();
    }
    if (!text.token(next).endsStatement()) {
      return null;
    }
    return SyntheticResults.singleValue(label, run(connection, text, call));
  }

  /** The statement with its calls run and replaced by their results; {@code text} itself when it has none. */
  SqlText expand(Connection connection, SqlText text) throws SQLException {
    if (VersionFunctionCall.find(text).isEmpty()) {
      return text;
    }
    SqlText pinned = pinHead(connection, text);
    List<SqlText.Replacement> results = new ArrayList<>();
    for (VersionFunctionCall call : VersionFunctionCall.find(pinned)) {
      results.add(new SqlText.Replacement(call.nameToken(), call.closeParen() + 1, run(connection, pinned, call)));
    }
    return pinned.replace(results);
  }

  private String run(Connection connection, SqlText text, VersionFunctionCall call) throws SQLException {
    List<String> arguments = Expressions.evaluate(connection, call.arguments(text));
    return commands.run(connection, call.function(), arguments);
  }

  /** The text with every {@code @@<db>_head} read replaced by its current value (a SET's target stays). */
  private SqlText pinHead(Connection connection, SqlText text) throws SQLException {
    List<SqlText.Replacement> replacements = new ArrayList<>();
    String head = null;
    int firstRead = text.token(0).isWord("SET") ? 2 : 0;
    for (int i = firstRead; i < text.size(); i++) {
      SqlText.Token token = text.token(i);
      if (token.type() == TokenType.SYSTEM_VARIABLE && HeadAssignment.isHeadVariable(token.text(), database)) {
        if (head == null) {
          head = Expressions.evaluate(connection, text.slice(i, i + 1));
        }
        replacements.add(new SqlText.Replacement(i, i + 1, head));
      }
    }
    return replacements.isEmpty() ? text : text.replace(replacements);
  }
}

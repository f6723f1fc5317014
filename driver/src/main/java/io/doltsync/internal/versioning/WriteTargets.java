package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables a write statement writes, read from its tokens: enough to tell which branch a write goes to.
 * Covers INSERT, REPLACE, UPDATE and DELETE (also their multi-table forms, whose whole table list counts:
 * a table only read there is counted too), TRUNCATE, LOAD DATA, and CREATE/ALTER/DROP/RENAME of tables,
 * views, triggers, procedures, events and indexes, also behind a WITH clause or EXPLAIN [ANALYZE].
 * Subqueries are not looked into. A statement whose targets cannot be read gives {@code null}, so that
 * callers fail closed.
 */
final class WriteTargets {

  private static final Set<String> INSERT_MODIFIERS = Set.of("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO");
  private static final Set<String> UPDATE_MODIFIERS = Set.of("LOW_PRIORITY", "IGNORE");
  private static final Set<String> DELETE_MODIFIERS = Set.of("LOW_PRIORITY", "QUICK", "IGNORE");
  private static final Set<String> DELETE_FROM_ENDS = Set.of("WHERE", "USING", "ORDER", "LIMIT", "PARTITION");
  private static final Set<String> EXISTENCE_CLAUSE = Set.of("IF", "NOT", "EXISTS");
  private static final Set<String> SCHEMA_OBJECTS =
      Set.of("TABLE", "VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT", "INDEX", "DATABASE", "SCHEMA");

  private WriteTargets() {
  }

  /** The tables the statement writes; empty when it writes none (CREATE DATABASE); null when that cannot be read. */
  static List<QualifiedName> of(SqlText text) {
    int main = mainStatementStart(text);
    if (main < 0) {
      return null;
    }
    return main == 0 ? ofPlain(text) : ofPlain(text.slice(main, text.size()));
  }

  /** The index of the statement's main verb: after a WITH clause and EXPLAIN [ANALYZE]; -1 when unreadable. */
  private static int mainStatementStart(SqlText text) {
    int i = 0;
    if (text.token(i).isWord("EXPLAIN")) {
      i++;
      while (text.token(i).isWord("ANALYZE") || text.token(i).isWord("EXTENDED")) {
        i++;
      }
      if (text.token(i).isWord("FORMAT") && text.token(i + 1).isOperator("=")) {
        i += 3;
      }
    }
    if (!text.token(i).isWord("WITH")) {
      return i;
    }
    i++;
    if (text.token(i).isWord("RECURSIVE")) {
      i++;
    }
    while (true) {
      if (!text.token(i).isName()) {
        return -1;
      }
      i++;
      if (text.token(i).type() == TokenType.LEFT_PAREN) {
        i = text.closingParen(i);
        if (i < 0) {
          return -1;
        }
        i++;
      }
      if (!text.token(i).isWord("AS")) {
        return -1;
      }
      i++;
      if (text.token(i).isWord("NOT")) {
        i++;
      }
      if (text.token(i).isWord("MATERIALIZED")) {
        i++;
      }
      if (text.token(i).type() != TokenType.LEFT_PAREN) {
        return -1;
      }
      i = text.closingParen(i);
      if (i < 0) {
        return -1;
      }
      i++;
      if (text.token(i).type() != TokenType.COMMA) {
        return i;
      }
      i++;
    }
  }

  private static List<QualifiedName> ofPlain(SqlText text) {
    SqlText.Token verb = text.token(0);
    if (verb.isWord("INSERT") || verb.isWord("REPLACE")) {
      return single(text, skip(text, 1, INSERT_MODIFIERS));
    }
    if (verb.isWord("HANDLER")) {
      return single(text, 1);
    }
    if (verb.isWord("UPDATE")) {
      return tableList(text, skip(text, 1, UPDATE_MODIFIERS), Set.of("SET"));
    }
    if (verb.isWord("DELETE")) {
      int next = skip(text, 1, DELETE_MODIFIERS);
      return text.token(next).isWord("FROM")
          ? tableList(text, next + 1, DELETE_FROM_ENDS)
          : tableList(text, next, Set.of("FROM"));
    }
    if (verb.isWord("TRUNCATE")) {
      return single(text, skip(text, 1, Set.of("TABLE")));
    }
    if (verb.isWord("LOAD")) {
      int into = find(text, 1, "INTO");
      return into < 0 ? null : single(text, skip(text, into + 1, Set.of("TABLE")));
    }
    if (verb.isWord("CREATE") || verb.isWord("ALTER") || verb.isWord("DROP") || verb.isWord("RENAME")) {
      return schemaObject(text, verb.isWord("DROP") || verb.isWord("RENAME"));
    }
    return null;
  }

  /** The object a DDL statement defines; for an index or trigger, the table it is on. */
  private static List<QualifiedName> schemaObject(SqlText text, boolean listOfNames) {
    int keyword = 1;
    while (!text.token(keyword).endsStatement() && !isSchemaObject(text.token(keyword))) {
      keyword++;
    }
    SqlText.Token object = text.token(keyword);
    if (object.endsStatement()) {
      return null;
    }
    if (object.isWord("DATABASE") || object.isWord("SCHEMA")) {
      QualifiedName database = QualifiedName.at(text, skip(text, keyword + 1, EXISTENCE_CLAUSE));
      return database == null ? null : List.of(new QualifiedName(database.name(), "*"));
    }
    int on = find(text, keyword + 1, "ON");
    if ((object.isWord("INDEX") || object.isWord("TRIGGER")) && on > 0) {
      return single(text, on + 1);
    }
    int first = skip(text, keyword + 1, EXISTENCE_CLAUSE);
    if (!listOfNames) {
      return single(text, first);
    }
    List<QualifiedName> names = new ArrayList<>();
    for (int i = first; !text.token(i).endsStatement(); i++) {
      boolean startsName = i == first || text.token(i - 1).type() == TokenType.COMMA || text.token(i - 1).isWord("TO");
      QualifiedName name = startsName ? QualifiedName.at(text, i) : null;
      if (name != null) {
        names.add(name);
        i += name.tokenCount() - 1;
      }
    }
    return names.isEmpty() ? null : names;
  }

  /**
   * The tables of a table list from {@code from} up to a top-level word of {@code ends}: the first, and each
   * after a top-level comma or JOIN.
   */
  private static List<QualifiedName> tableList(SqlText text, int from, Set<String> ends) {
    List<QualifiedName> names = new ArrayList<>();
    int depth = 0;
    boolean expectName = true;
    for (int i = from; !text.token(i).endsStatement(); i++) {
      SqlText.Token token = text.token(i);
      if (depth == 0 && token.type() == TokenType.WORD && ends.contains(token.text().toUpperCase(Locale.ROOT))) {
        break;
      }
      if (depth == 0 && expectName) {
        expectName = false;
        QualifiedName name = QualifiedName.at(text, i);
        if (name != null) {
          names.add(name);
          i += name.tokenCount() - 1;
          continue;
        }
      }
      depth += token.type() == TokenType.LEFT_PAREN ? 1 : token.type() == TokenType.RIGHT_PAREN ? -1 : 0;
      expectName = depth == 0 && (token.type() == TokenType.COMMA || token.isWord("JOIN") || token.isWord("STRAIGHT_JOIN"));
    }
    return names.isEmpty() ? null : names;
  }

  private static List<QualifiedName> single(SqlText text, int index) {
    QualifiedName name = QualifiedName.at(text, index);
    return name == null ? null : List.of(name);
  }

  /** The first index from {@code from} whose token is not one of the words. */
  private static int skip(SqlText text, int from, Set<String> words) {
    int i = from;
    while (text.token(i).type() == TokenType.WORD && words.contains(text.token(i).text().toUpperCase(Locale.ROOT))) {
      i++;
    }
    return i;
  }

  /** The index of the first top-level occurrence of a word from {@code from}, or -1. */
  private static int find(SqlText text, int from, String word) {
    int depth = 0;
    for (int i = from; !text.token(i).endsStatement(); i++) {
      TokenType type = text.token(i).type();
      depth += type == TokenType.LEFT_PAREN ? 1 : type == TokenType.RIGHT_PAREN ? -1 : 0;
      if (depth == 0 && text.token(i).isWord(word)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSchemaObject(SqlText.Token token) {
    return token.type() == TokenType.WORD && SCHEMA_OBJECTS.contains(token.text().toUpperCase(Locale.ROOT));
  }
}

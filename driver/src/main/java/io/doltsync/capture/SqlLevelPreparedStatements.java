package io.doltsync.capture;

import io.doltsync.sql.StatementKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection's SQL-level prepared statements ({@code PREPARE name FROM '...'} on MySQL/MariaDB,
 * {@code PREPARE name [(types)] AS ...} on PostgreSQL), so that {@code EXECUTE name} is captured as the
 * write it runs. The prepared text is remembered when the {@code PREPARE} is planned; an {@code EXECUTE} is
 * planned as that text: exactly when it takes no arguments, else (its values are only known to the
 * database) by copying the tables it can write whole. An {@code EXECUTE} of a name this connection never
 * prepared copies every mirrored table. {@code DEALLOCATE} forgets the name.
 *
 * <p>Not thread-safe: one instance serves one connection.
 */
public final class SqlLevelPreparedStatements {

  private static final String NAME = "(?:`([^`]+)`|\"([^\"]+)\"|([\\p{L}_][\\p{L}\\p{N}_$]*))";
  private static final Pattern PREPARE_FROM = Pattern.compile(
      "\\s*PREPARE\\s+" + NAME + "\\s+FROM\\s+(.*?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern PREPARE_AS = Pattern.compile(
      "\\s*PREPARE\\s+" + NAME + "\\s*(?:\\([^)]*\\))?\\s*AS\\s+(.*?)\\s*;?\\s*",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern EXECUTE = Pattern.compile(
      "\\s*EXECUTE\\s+" + NAME + "\\s*(.*?)\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern DEALLOCATE = Pattern.compile(
      "\\s*(?:DEALLOCATE\\s+(?:PREPARE\\s+)?|DROP\\s+PREPARE\\s+)" + NAME + "\\s*;?\\s*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern USER_VARIABLE = Pattern.compile("@([\\p{L}\\p{N}_$.]+)");

  private final Connection primary;
  private final Supplier<List<String>> mirroredTables;
  private final Map<String, String> texts = new HashMap<>();

  /**
   * @param primary        the connection the statements run on (user variables are read from it)
   * @param mirroredTables the mirrored tables' keys, for an {@code EXECUTE} of an unknown name
   */
  public SqlLevelPreparedStatements(Connection primary, Supplier<List<String>> mirroredTables) {
    this.primary = primary;
    this.mirroredTables = mirroredTables;
  }

  /** Plans one statement of a text. */
  @FunctionalInterface
  public interface Planner {
    Plan plan(String sql) throws SQLException;
  }

  /**
   * The plan of a {@code PREPARE}, {@code EXECUTE} or {@code DEALLOCATE}, or {@code null} for any other
   * statement (cheap: only texts starting with one of those words are looked at).
   */
  public Plan plan(String sql, Planner planner) throws SQLException {
    String word = firstWord(sql);
    if (word == null) {
      return null;
    }
    switch (word) {
      case "prepare" -> {
        return prepare(sql);
      }
      case "execute" -> {
        Matcher execute = EXECUTE.matcher(sql);
        return execute.matches() ? execute(name(execute), execute.group(4), planner) : null;
      }
      case "deallocate", "drop" -> {
        Matcher deallocate = DEALLOCATE.matcher(sql);
        if (!deallocate.matches()) {
          return null;
        }
        String name = name(deallocate);
        if (name.equals("all") && word.equals("deallocate")) {
          texts.clear();
        } else {
          texts.remove(name);
        }
        return Plan.PASS_THROUGH;
      }
      default -> {
        return null;
      }
    }
  }

  private Plan prepare(String sql) throws SQLException {
    Matcher from = PREPARE_FROM.matcher(sql);
    if (from.matches()) {
      String text = preparedText(from.group(4).trim());
      if (text == null) {
        texts.remove(name(from));
      } else {
        texts.put(name(from), text);
      }
      return Plan.PASS_THROUGH;
    }
    Matcher as = PREPARE_AS.matcher(sql);
    if (as.matches()) {
      texts.put(name(as), as.group(4));
      return Plan.PASS_THROUGH;
    }
    return null;
  }

  /** The text of {@code FROM '<text>'} or {@code FROM @variable}; {@code null} when it cannot be known. */
  private String preparedText(String source) throws SQLException {
    if (source.length() >= 2 && (source.charAt(0) == '\'' || source.charAt(0) == '"')
        && source.charAt(source.length() - 1) == source.charAt(0)) {
      return unquote(source);
    }
    Matcher variable = USER_VARIABLE.matcher(source);
    if (variable.matches()) {
      try (Statement statement = primary.createStatement();
          ResultSet value = statement.executeQuery("SELECT " + source)) {
        return value.next() ? value.getString(1) : null;
      }
    }
    return null;
  }

  private Plan execute(String name, String arguments, Planner planner) throws SQLException {
    String text = texts.get(name);
    if (text == null) {
      return everyTable();
    }
    Plan inner = planner.plan(text);
    if (!(inner instanceof WritePlan write)) {
      return inner instanceof TransactionControlPlan ? inner : Plan.PASS_THROUGH;
    }
    boolean exact = arguments.isEmpty() && !write.needsGeneratedKeys();
    if (exact) {
      return write;
    }
    List<TableEffect> whole = new ArrayList<>();
    for (TableEffect effect : write.effects()) {
      whole.add(effect instanceof TableEffect.SchemaChange ? effect : new TableEffect.WholeTable(effect.tableKey()));
    }
    return new WritePlan(write.kind(), whole, write.schemaChange());
  }

  private Plan everyTable() {
    List<TableEffect> effects = new ArrayList<>();
    for (String table : mirroredTables.get()) {
      effects.add(new TableEffect.WholeTable(table));
    }
    return effects.isEmpty() ? Plan.PASS_THROUGH : new WritePlan(StatementKind.OTHER, effects, false);
  }

  private static String name(Matcher matcher) {
    String quoted = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    return quoted != null ? quoted : matcher.group(3).toLowerCase(Locale.ROOT);
  }

  /** A quoted SQL string's content: doubled quotes and backslash escapes undone. */
  static String unquote(String literal) {
    char quote = literal.charAt(0);
    StringBuilder text = new StringBuilder(literal.length());
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        char next = literal.charAt(++i);
        text.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case '0' -> '\0';
          default -> next;
        });
      } else if (c == quote && i + 1 < literal.length() - 1 && literal.charAt(i + 1) == quote) {
        text.append(quote);
        i++;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** The first word of the text in lower case, skipping blanks; null unless it could start one of ours. */
  private static String firstWord(String sql) {
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    if (start >= sql.length()) {
      return null;
    }
    char first = Character.toLowerCase(sql.charAt(start));
    if (first != 'p' && first != 'e' && first != 'd') {
      return null;
    }
    int end = start;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return sql.substring(start, end).toLowerCase(Locale.ROOT);
  }
}

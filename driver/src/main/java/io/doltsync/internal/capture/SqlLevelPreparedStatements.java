package io.doltsync.internal.capture;

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
 * write it runs. The prepared text is remembered once the primary ran the {@code PREPARE} without error
 * ({@link #executed}), never when it is only planned; an {@code EXECUTE} is
 * planned as that text: exactly when it takes no arguments, else (its values are only known to the
 * database) by copying the tables it can write whole. An {@code EXECUTE} of a name this connection never
 * prepared copies every mirrored table. A {@code DEALLOCATE} the primary ran forgets the name.
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
   * statement (cheap: only texts starting with one of those words are looked at). Planning records
   * nothing: see {@link #executed}.
   */
  public Plan plan(String sql, Planner planner) throws SQLException {
    int start = firstNonBlank(sql);
    if (startsWithWord(sql, start, "EXECUTE")) {
      Matcher execute = EXECUTE.matcher(sql);
      return execute.matches() ? execute(name(execute), execute.group(4), planner) : null;
    }
    if (startsWithWord(sql, start, "PREPARE")) {
      return PREPARE_FROM.matcher(sql).matches() || PREPARE_AS.matcher(sql).matches() ? Plan.PASS_THROUGH : null;
    }
    if (startsWithWord(sql, start, "DEALLOCATE") || startsWithWord(sql, start, "DROP")) {
      return DEALLOCATE.matcher(sql).matches() ? Plan.PASS_THROUGH : null;
    }
    return null;
  }

  /**
   * Records what a text the primary has just run did to the prepared names. Without error: a {@code PREPARE}
   * binds its name to its text (read now, so a {@code FROM @variable} reads the value it was prepared from),
   * a {@code DEALLOCATE} forgets it. A {@code PREPARE} that failed forgets its name (MySQL and MariaDB drop
   * the old statement first; elsewhere an {@code EXECUTE} of it is then captured as writing every table,
   * never as the wrong one). Any other text is ignored after a look at its first characters.
   */
  public void executed(String sql, boolean succeeded) throws SQLException {
    int start = firstNonBlank(sql);
    if (startsWithWord(sql, start, "PREPARE")) {
      if (succeeded) {
        prepared(sql);
      } else {
        forget(sql);
      }
    } else if (succeeded && (startsWithWord(sql, start, "DEALLOCATE") || startsWithWord(sql, start, "DROP"))) {
      Matcher deallocate = DEALLOCATE.matcher(sql);
      if (!deallocate.matches()) {
        return;
      }
      String name = name(deallocate);
      if (name.equals("all") && startsWithWord(sql, start, "DEALLOCATE")) {
        texts.clear();
      } else {
        texts.remove(name);
      }
    }
  }

  private void forget(String sql) {
    Matcher from = PREPARE_FROM.matcher(sql);
    Matcher as = PREPARE_AS.matcher(sql);
    if (from.matches()) {
      texts.remove(name(from));
    } else if (as.matches()) {
      texts.remove(name(as));
    }
  }

  private void prepared(String sql) throws SQLException {
    Matcher from = PREPARE_FROM.matcher(sql);
    if (from.matches()) {
      String text = preparedText(from.group(4).trim());
      if (text == null) {
        texts.remove(name(from));
      } else {
        texts.put(name(from), text);
      }
      return;
    }
    Matcher as = PREPARE_AS.matcher(sql);
    if (as.matches()) {
      texts.put(name(as), as.group(4));
    }
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
      return write.withoutReturningVariant(); // the driver returns no rows for an EXECUTE of it
    }
    List<TableEffect> whole = new ArrayList<>();
    for (TableEffect effect : write.effects()) {
      whole.add(effect instanceof TableEffect.SchemaChange ? effect : new TableEffect.WholeTable(effect.tableKey()));
    }
    return new WritePlan(write.kind(), whole, write.schemaChange(), write.reads());
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

  private static int firstNonBlank(String sql) {
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    return start;
  }

  /** Whether the text has {@code word} (upper case, any case in the text) as a whole word at {@code start}. */
  static boolean startsWithWord(String sql, int start, String word) {
    int end = start + word.length();
    return sql.regionMatches(true, start, word, 0, word.length())
        && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_');
  }
}

package io.doltsync.tck;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.LexicalRules;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.UnmappableTypeException;
import io.doltsync.sql.Classification;
import io.doltsync.sql.SqlDialect;
import io.doltsync.sql.StatementClassifier;
import io.doltsync.sql.WriteAnalysis;
import io.doltsync.sql.WriteAnalyzer;
import io.doltsync.sql.lex.Identifiers;
import io.doltsync.sql.lex.SqlLexer;
import io.doltsync.sql.lex.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the TCK that need no database server: checks of a {@link SourceDialect}'s lexical rules, type
 * mapping and generated SQL, read the way doltsync's statement classifier reads them. A third party runs them
 * on a new dialect before (or without) a server; each check returns its problems, empty when it passes.
 */
public final class DialectConformance {

  private static final String NAME_CHARACTERS = "abXY_0 ]['\"`;-/*$#N.é";
  private static final List<String> DOLT_MARKERS = List.of("dolt_log", "dolt_diff('main', 'x', 't')",
      "CALL DOLT_COMMIT('-m', 'x')", "t AS OF 'main'", "@@dolt_transaction_commit", "DOLT_HASHOF('main')");
  private static final Pattern DOLT_TYPE = Pattern.compile(
      "([a-z]+)(?:\\((\\d+)(?:,(\\d+))?\\))?( unsigned)?");

  private final SourceDialect dialect;
  private final LexicalRules rules;
  private final SqlDialect sqlDialect;
  private final StatementClassifier classifier;
  private final WriteAnalyzer analyzer;

  public DialectConformance(SourceDialect dialect) {
    this.dialect = dialect;
    this.rules = dialect.lexicalRules();
    this.sqlDialect = SourceDialects.sqlDialect(dialect);
    this.classifier = new StatementClassifier(sqlDialect);
    this.analyzer = new WriteAnalyzer(sqlDialect);
  }

  /** How doltsync classifies {@code sql} on this dialect's primary (kind, Dolt features, tables). */
  public Classification classify(String sql) {
    return classifier.classify(sql);
  }

  /** What doltsync's capture reads from {@code sql} on this dialect's primary (the tables written, how). */
  public WriteAnalysis analyze(String sql) {
    return analyzer.analyze(sql);
  }

  /** Generated names, each quoted by {@link SourceDialect#quoteIdentifier}, must lex as one quoted identifier naming itself. */
  public List<String> quotedIdentifierProblems(long seed, int count) {
    Random random = new Random(seed);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = randomText(random);
      String quoted = dialect.quoteIdentifier(name);
      List<String> tokens = tokens(quoted + " x");
      if (!tokens.equals(List.of(TokenType.QUOTED_IDENTIFIER + ":" + quoted, TokenType.WORD + ":x"))) {
        problems.add("quoted name " + quoted + " lexes as " + tokens);
      } else if (!Identifiers.unquote(quoted).equals(name)) {
        problems.add("quoted name " + quoted + " unquotes to " + Identifiers.unquote(quoted) + ", not " + name);
      }
    }
    return problems;
  }

  /**
   * Dolt names and calls hidden in every string and comment form the rules declare (with a {@code ;} inside)
   * must leave a primary statement on the primary and one statement; the same names bare must route to Dolt.
   */
  public List<String> hiddenDoltNameProblems(long seed, int count) {
    Random random = new Random(seed);
    List<UnaryOperator<String>> hiders = hiders();
    List<String> problems = new ArrayList<>();
    if (!classify("SELECT * FROM dolt_log").routesToDolt()) {
      problems.add("a bare dolt_log reference does not route to Dolt: the control case fails");
    }
    for (int i = 0; i < count; i++) {
      String marker = DOLT_MARKERS.get(random.nextInt(DOLT_MARKERS.size())) + (random.nextBoolean() ? "; DROP TABLE t" : "");
      UnaryOperator<String> hider = hiders.get(random.nextInt(hiders.size()));
      String sql = "SELECT id FROM orders WHERE note = " + hider.apply(marker) + (random.nextBoolean() ? "" : " AND id = ?");
      Classification classification = classify(sql);
      if (classification.routesToDolt() || classification.multiStatement()) {
        problems.add("hidden Dolt text routes or splits: " + sql + " -> " + classification);
      }
    }
    return problems;
  }

  /** Each statement creating the journal table is one statement naming the table as {@link SourceDialect#quoteIdentifier} quotes it. */
  public List<String> journalTableProblems(String tableName) {
    List<String> problems = new ArrayList<>();
    List<String> statements = dialect.createJournalTable(tableName);
    if (statements.isEmpty()) {
      problems.add("no statement creates the journal table");
    }
    for (String sql : statements) {
      Classification classification = classify(sql);
      if (classification.multiStatement() || classification.routesToDolt()) {
        problems.add("journal DDL is not one primary statement: " + sql + " -> " + classification);
      }
      if (!sql.contains(dialect.quoteIdentifier(tableName))) {
        problems.add("journal DDL does not name " + dialect.quoteIdentifier(tableName) + ": " + sql);
      }
    }
    return problems;
  }

  /**
   * Each column's Dolt type, where the dialect maps it, must be a column type Dolt accepts (MySQL 8's types
   * within Dolt's limits); an unmappable column is no problem here (doltsync refuses or falls back by its rules).
   */
  public List<String> doltTypeProblems(String table, List<ColumnSchema> columns) {
    List<String> problems = new ArrayList<>();
    for (ColumnSchema column : columns) {
      try {
        String type = dialect.doltType(table, column);
        String problem = doltColumnTypeProblem(type);
        if (problem != null) {
          problems.add(column.typeName() + " -> " + type + ": " + problem);
        }
      } catch (UnmappableTypeException e) {
        // declared unmappable: the dialect's choice, checked by its own tests
      }
    }
    return problems;
  }

  /** Why {@code doltType} is not a Dolt column type, or {@code null} when it is. */
  public static String doltColumnTypeProblem(String doltType) {
    String type = doltType.trim().toLowerCase(Locale.ROOT).replace(", ", ",");
    Matcher m = DOLT_TYPE.matcher(type);
    if (!m.matches()) {
      return "not of the form name[(n[,m])][ unsigned]";
    }
    String name = m.group(1);
    Integer n = m.group(2) == null ? null : Integer.valueOf(m.group(2));
    Integer scale = m.group(3) == null ? null : Integer.valueOf(m.group(3));
    boolean unsigned = m.group(4) != null;
    boolean integer = List.of("tinyint", "smallint", "mediumint", "int", "bigint").contains(name);
    if (unsigned && !integer) {
      return "unsigned on a non-integer type";
    }
    return switch (name) {
      case "tinyint", "smallint", "mediumint", "int", "bigint" -> scale == null && (n == null || n <= 255) ? null : "bad display width";
      case "decimal" -> n == null || (n >= 1 && n <= 65 && (scale == null || (scale <= 30 && scale <= n))) ? null
          : "precision 1..65, scale 0..30 and at most the precision";
      case "float", "double", "date", "year", "json", "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob",
          "mediumblob", "longblob" -> n == null ? null : "takes no length";
      case "time", "datetime", "timestamp" -> scale == null && (n == null || n <= 6) ? null : "fractional seconds 0..6";
      case "char", "binary" -> n != null && scale == null && n <= 255 ? null : "length 0..255";
      case "varchar" -> n != null && scale == null && n >= 1 && n <= 16383 ? null : "length 1..16383";
      case "varbinary" -> n != null && scale == null && n >= 1 && n <= 65535 ? null : "length 1..65535";
      case "bit" -> scale == null && (n == null || (n >= 1 && n <= 64)) ? null : "bits 1..64";
      default -> "not a Dolt column type";
    };
  }

  /** Ways the dialect's rules hide text: its strings and comments, each with {@code '} and {@code ;} inside. */
  private List<UnaryOperator<String>> hiders() {
    List<UnaryOperator<String>> hiders = new ArrayList<>();
    hiders.add(text -> "'" + (text + " it's").replace("'", "''") + "'");
    hiders.add(text -> "1 /* " + text + " */");
    hiders.add(text -> "1 -- " + text + "\n");
    if (rules.nestedBlockComments()) {
      hiders.add(text -> "1 /* /* " + text + " */ " + text + " */");
    }
    if (rules.nationalStringPrefix()) {
      hiders.add(text -> "N'" + text.replace("'", "''") + "'");
    }
    if (rules.doubleQuotedStrings()) {
      hiders.add(text -> "\"" + text.replace("\"", "\"\"") + "\"");
    }
    if (rules.backslashEscapes()) {
      hiders.add(text -> "'\\'" + text.replace("'", "\\'") + "'");
    }
    if (rules.escapeStringPrefix()) {
      hiders.add(text -> "E'\\'" + text.replace("'", "\\'") + "'");
    }
    if (rules.dollarQuotes() != LexicalRules.DollarQuotes.NONE) {
      hiders.add(text -> "$$" + text + "$$");
    }
    if (rules.alternativeQuoting()) {
      hiders.add(text -> "q'[" + text + "]'");
    }
    if (rules.hashComments()) {
      hiders.add(text -> "1 # " + text + "\n");
    }
    if (rules.doubleSlashComments()) {
      hiders.add(text -> "1 // " + text + "\n");
    }
    return hiders;
  }

  private List<String> tokens(String sql) {
    SqlLexer lexer = new SqlLexer(sql, sqlDialect);
    List<String> tokens = new ArrayList<>();
    for (TokenType type = lexer.next(); type != TokenType.END; type = lexer.next()) {
      tokens.add(type + ":" + lexer.tokenText());
    }
    return tokens;
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(NAME_CHARACTERS.charAt(random.nextInt(NAME_CHARACTERS.length())));
    }
    return text.toString();
  }
}

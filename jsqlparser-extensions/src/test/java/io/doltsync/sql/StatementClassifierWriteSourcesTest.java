package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads inside writes, as lineage needs them: generated writes of every shape that takes rows from other tables
 * ({@code INSERT ... SELECT}, {@code UPDATE}/{@code DELETE} with subqueries or joins, {@code CREATE TABLE AS
 * SELECT}, upserts with a source query, MERGE with a source table or query, PostgreSQL's {@code UPDATE ... FROM}
 * and {@code DELETE ... USING}), with quoted, qualified and aliased names and several sources: the classifier
 * reports exactly the source tables as read and the written table as not read.
 */
class StatementClassifierWriteSourcesTest {

  private static final int ROUNDS = 1500;
  private static final String[] TARGETS = {"totals", "Out_2", "summary"};
  private static final String[] SOURCES = {"orders", "Lines", "stock_2", "items", "t"};

  /** A generated write, the table it writes, and the tables it reads in text order. */
  private record Generated(String sql, String written, List<String> reads) {}

  /** One shape: builds the text from the written table's text and the source list's texts. */
  private record Shape(String name, int maxSources, Function<Parts, String> text) {}

  /** The texts a shape is made of. */
  private record Parts(String target, List<String> sources, Random random) {
    String source(int i) {
      return sources.get(i);
    }

    /** The sources joined (JOIN ... ON, or a subquery per further source), for a FROM clause. */
    String joined() {
      StringBuilder sql = new StringBuilder(source(0)).append(" s0");
      for (int i = 1; i < sources.size(); i++) {
        if (random.nextBoolean()) {
          sql.append(random.nextBoolean() ? " JOIN " : " LEFT JOIN ").append(source(i)).append(" s").append(i)
              .append(" ON s").append(i).append(".id = s0.id");
        } else {
          sql.append(" JOIN (SELECT id FROM ").append(source(i)).append(" WHERE n > 'FROM fake') q").append(i)
              .append(" ON q").append(i).append(".id = s0.id");
        }
      }
      return sql.toString();
    }

    /** The sources as subqueries of a WHERE condition. */
    String inSubqueries() {
      StringBuilder sql = new StringBuilder();
      for (int i = 0; i < sources.size(); i++) {
        sql.append(i == 0 ? " WHERE " : random.nextBoolean() ? " AND " : " OR ")
            .append("id IN (SELECT id FROM ").append(source(i)).append(" /* JOIN fake */)");
      }
      return sql.toString();
    }

    /** The sources after the first as {@code AND id IN (SELECT ...)} conditions. */
    String furtherInSubqueries() {
      StringBuilder sql = new StringBuilder();
      for (int i = 1; i < sources.size(); i++) {
        sql.append(" AND id IN (SELECT id FROM ").append(source(i)).append(")");
      }
      return sql.toString();
    }

    String commaList() {
      return String.join(", ", sources);
    }
  }

  private static List<Shape> shapes(SqlDialect dialect) {
    List<Shape> shapes = new ArrayList<>(List.of(
        new Shape("insert select", 3, p -> "INSERT INTO " + p.target() + " (id, n) SELECT s0.id, s0.n FROM "
            + p.joined() + " WHERE s0.n > 0"),
        new Shape("insert select where in", 3, p -> "INSERT INTO " + p.target() + " SELECT id, n FROM "
            + p.source(0) + " x WHERE n > 0" + p.furtherInSubqueries()),
        new Shape("update where in", 3, p -> "UPDATE " + p.target() + " SET n = n + 1" + p.inSubqueries()),
        new Shape("update scalar subquery", 1, p -> "UPDATE " + p.target() + " SET n = (SELECT MAX(n) FROM "
            + p.source(0) + ") WHERE id = ?"),
        new Shape("delete where in", 3, p -> "DELETE FROM " + p.target() + p.inSubqueries()),
        new Shape("create table as select", 3, p -> "CREATE TABLE " + p.target() + " AS SELECT s0.id FROM "
            + p.joined())));
    switch (dialect.name()) {
      case "MYSQL", "MARIADB" -> {
        shapes.add(new Shape("update join", 2, p -> "UPDATE " + p.target() + " o JOIN " + p.source(0)
            + " s0 ON s0.id = o.id" + (p.sources().size() > 1 ? " JOIN " + p.source(1) + " s1 ON s1.id = o.id" : "")
            + " SET o.n = s0.n"));
        shapes.add(new Shape("delete join", 2, p -> "DELETE o FROM " + p.target() + " o JOIN " + p.source(0)
            + " s0 ON s0.id = o.id" + (p.sources().size() > 1 ? " JOIN " + p.source(1) + " s1 USING (id)" : "")));
        shapes.add(new Shape("upsert select", 3, p -> "INSERT INTO " + p.target() + " (id, n) SELECT s0.id, s0.n FROM "
            + p.joined() + " ON DUPLICATE KEY UPDATE n = VALUES(n)"));
        shapes.add(new Shape("replace select", 3, p -> "REPLACE INTO " + p.target() + " SELECT s0.id, s0.n FROM "
            + p.joined()));
      }
      case "POSTGRESQL" -> {
        shapes.add(new Shape("update from", 3, p -> "UPDATE " + p.target() + " SET n = s.n FROM " + p.commaList()
            + " WHERE id = 1"));
        shapes.add(new Shape("delete using", 3, p -> "DELETE FROM " + p.target() + " USING " + p.commaList()
            + " WHERE id = 1"));
        shapes.add(new Shape("upsert select", 3, p -> "INSERT INTO " + p.target() + " (id, n) SELECT s0.id, s0.n FROM "
            + p.joined() + " ON CONFLICT (id) DO UPDATE SET n = EXCLUDED.n"));
        shapes.add(mergeUsingTable());
        shapes.add(mergeUsingQuery());
      }
      case "H2" -> {
        shapes.add(new Shape("merge key select", 3, p -> "MERGE INTO " + p.target() + " KEY (id) SELECT s0.id, s0.n FROM "
            + p.joined()));
        shapes.add(mergeUsingTable());
        shapes.add(mergeUsingQuery());
      }
      default -> { }
    }
    return shapes;
  }

  private static Shape mergeUsingTable() {
    return new Shape("merge using table", 1, p -> "MERGE INTO " + p.target() + " o USING " + p.source(0)
        + " s ON o.id = s.id WHEN MATCHED THEN UPDATE SET n = s.n WHEN NOT MATCHED THEN INSERT (id, n) VALUES (s.id, s.n)");
  }

  private static Shape mergeUsingQuery() {
    return new Shape("merge using query", 3, p -> "MERGE INTO " + p.target() + " o USING (SELECT s0.id, s0.n FROM "
        + p.joined() + ") s ON o.id = s.id WHEN MATCHED THEN UPDATE SET n = s.n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MYSQL", "MARIADB", "POSTGRESQL", "H2"})
  void everyShapeReportsItsSourcesAsReadAndItsTargetAsWritten(SqlDialect dialect) {
    StatementClassifier classifier = new StatementClassifier(dialect);
    List<Shape> shapes = shapes(dialect);
    Random random = new Random(29 + dialect.name().hashCode());
    for (int round = 0; round < ROUNDS; round++) {
      Shape shape = shapes.get(round % shapes.size());
      Generated generated = generate(shape, dialect, random);
      Classification classification = classifier.classify(generated.sql());
      List<TableReference> tables = classification.tables();
      assertThat(tables.stream().filter(TableReference::read).map(TableReference::key).toList())
          .as(shape.name() + ": " + generated.sql()).isEqualTo(generated.reads());
      assertThat(tables.stream().filter(t -> !t.read()).map(TableReference::key).toList())
          .as(shape.name() + " writes: " + generated.sql())
          .isSubsetOf(generated.written());
      assertThat(classification.isWrite()).as(generated.sql()).isTrue();
    }
  }

  private static Generated generate(Shape shape, SqlDialect dialect, Random random) {
    String target = TARGETS[random.nextInt(TARGETS.length)];
    int count = 1 + random.nextInt(shape.maxSources());
    List<String> texts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String source = SOURCES[random.nextInt(SOURCES.length)];
      texts.add(spelled(source, dialect, random));
      keys.add(source.toLowerCase(Locale.ROOT));
    }
    String sql = shape.text().apply(new Parts(spelled(target, dialect, random), texts, random));
    return new Generated(random.nextBoolean() ? sql : sql.toLowerCase(Locale.ROOT).replace("'from fake'", "'FROM fake'"),
        target.toLowerCase(Locale.ROOT), keys);
  }

  private static String spelled(String name, SqlDialect dialect, Random random) {
    String quote = dialect == SqlDialect.MYSQL || dialect == SqlDialect.MARIADB ? "`" : "\"";
    return switch (random.nextInt(4)) {
      case 0 -> quote + name + quote;
      case 1 -> "shop." + name;
      case 2 -> quote + "shop" + quote + "." + quote + name + quote;
      default -> name;
    };
  }
}

package io.doltsync.internal.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.sql.SqlDialect;
import java.math.BigDecimal;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How calls of doltsync's procedures are read: generated spellings (case, white space, comments, quoted names,
 * string quoting per dialect, numbers, NULL, markers) give the same call; anything else that names a
 * {@code doltsync_} procedure is a syntax error, never a call of something else.
 */
class DoltSyncCallTest {

  private static final String[] NAMES = {"doltsync_verify", "doltsync_reconcile", "doltsync_status", "doltsync_x1"};

  @ParameterizedTest
  @ValueSource(strings = {"MARIADB", "POSTGRESQL", "H2"})
  void generatedSpellingsReadAsTheSameCall(SqlDialect dialect) throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int n = 0; n < 2_000; n++) {
      String name = NAMES[random.nextInt(NAMES.length)];
      List<Object> expected = new ArrayList<>();
      StringBuilder sql = new StringBuilder();
      sql.append(space(random)).append(randomCase("call", random)).append(gap(random))
          .append(spelledName(name, dialect, random));
      int count = random.nextInt(4);
      if (count > 0 || random.nextBoolean()) {
        sql.append(space(random)).append('(');
        int markers = 0;
        for (int i = 0; i < count; i++) {
          sql.append(i == 0 ? "" : ",").append(space(random));
          switch (random.nextInt(5)) {
            case 0 -> {
              String value = randomString(random);
              expected.add(value);
              sql.append(quoted(value, dialect));
            }
            case 1 -> {
              long value = random.nextLong() % 1_000_000;
              expected.add(BigDecimal.valueOf(value));
              sql.append(value);
            }
            case 2 -> {
              expected.add(null);
              sql.append(randomCase("null", random));
            }
            case 3 -> {
              expected.add(new DoltSyncCall.Marker(markers++));
              sql.append('?');
            }
            default -> {
              boolean value = random.nextBoolean();
              expected.add(value);
              sql.append(randomCase(Boolean.toString(value), random));
            }
          }
          sql.append(space(random));
        }
        sql.append(')');
      }
      sql.append(space(random)).append(random.nextBoolean() ? ";" : "").append(space(random));
      DoltSyncCall call = DoltSyncCall.parse(sql.toString(), dialect);
      assertThat(call).as("seed %d: %s", seed, sql).isNotNull();
      assertThat(call.name()).as("seed %d: %s", seed, sql).isEqualTo(name);
      assertThat(call.arguments()).as("seed %d: %s", seed, sql).isEqualTo(expected);
    }
  }

  @Test
  void otherStatementsAreNotDoltSyncCalls() throws Exception {
    for (String sql : List.of("CALL dolt_commit('-m', 'doltsync_verify')", "SELECT 'CALL doltsync_verify()'",
        "CALL mydb.doltsync_verify()", "CALL doltsyncverify()", "/* CALL doltsync_verify() */ SELECT 1",
        "CALL xdoltsync_verify()", "INSERT INTO doltsync_verify VALUES (1)")) {
      assertThat(DoltSyncCall.parse(sql, SqlDialect.MARIADB)).as(sql).isNull();
    }
  }

  @Test
  void callsDoltsyncCannotRunAreSyntaxErrors() {
    for (String sql : List.of("CALL doltsync_verify(); DROP TABLE t", "CALL doltsync_verify('a' || 'b')",
        "CALL doltsync_verify(upper('t'))", "CALL doltsync_verify(@v)", "CALL doltsync_verify('t'",
        "CALL doltsync_verify('t',)", "CALL doltsync_verify(-'t')", "CALL doltsync_verify() extra",
        "CALL doltsync_verify(1 2)")) {
      assertThatThrownBy(() -> DoltSyncCall.parse(sql, SqlDialect.MARIADB)).as(sql)
          .isInstanceOf(SQLSyntaxErrorException.class)
          .satisfies(e -> assertThat(((SQLSyntaxErrorException) e).getSQLState()).isEqualTo("42000"));
    }
  }

  @Test
  void markersTakeTheirBoundValues() throws Exception {
    DoltSyncCall call = DoltSyncCall.parse("CALL doltsync_verify(?, 'b', ?)", SqlDialect.MARIADB);
    assertThat(call.markerCount()).isEqualTo(2);
    assertThat(call.values(List.of("a", "c"))).containsExactly("a", "b", "c");
    assertThatThrownBy(() -> call.values(List.of("a"))).hasMessageContaining("parameter 2")
        .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("07001"));
  }

  private static String spelledName(String name, SqlDialect dialect, Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> randomCase(name, random);
      case 1 -> dialect == SqlDialect.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
      default -> name.toUpperCase(Locale.ROOT);
    };
  }

  private static String quoted(String value, SqlDialect dialect) {
    String escaped = value.replace("'", "''");
    if (dialect == SqlDialect.MARIADB) {
      escaped = escaped.replace("\\", "\\\\");
    }
    return "'" + escaped + "'";
  }

  private static String randomString(Random random) {
    String alphabet = "abcXYZ_ '\\\";,()?-é中\t";
    StringBuilder value = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      value.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return value.toString();
  }

  private static String randomCase(String word, Random random) {
    StringBuilder spelled = new StringBuilder();
    for (char c : word.toCharArray()) {
      spelled.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return spelled.toString();
  }

  private static String space(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> "";
      case 1 -> " ";
      case 2 -> "\n\t ";
      case 3 -> " /* c */ ";
      default -> "  ";
    };
  }

  private static String gap(Random random) {
    String space = space(random);
    return space.isEmpty() ? " " : space;
  }
}

package io.doltsync.internal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The widening rule of {@link SchemaEvolution}, over generated type pairs: every type widens to itself and to each
 * generated wider type, and never to a generated narrower or different one (the class of changes a sync refuses).
 */
class SchemaEvolutionTest {

  private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
  private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");

  /** A type and one generated wider and one narrower (or unrelated) form of it. */
  private record Case(String type, String wider, String narrower) {}

  private static List<Case> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      switch (random.nextInt(6)) {
        case 0 -> {
          int rank = 1 + random.nextInt(INTEGERS.size() - 2);
          cases.add(new Case(INTEGERS.get(rank), INTEGERS.get(rank + 1 + random.nextInt(INTEGERS.size() - rank - 1)),
              INTEGERS.get(random.nextInt(rank))));
        }
        case 1 -> {
          int n = 2 + random.nextInt(500);
          cases.add(new Case("varchar(" + n + ")", "varchar(" + (n + 1 + random.nextInt(100)) + ")",
              "varchar(" + (1 + random.nextInt(n - 1)) + ")"));
        }
        case 2 -> {
          int p = 3 + random.nextInt(30);
          int s = 1 + random.nextInt(p - 2);
          cases.add(new Case("decimal(" + p + "," + s + ")", "decimal(" + (p + 2) + "," + (s + 1) + ")",
              random.nextBoolean() ? "decimal(" + p + "," + (s + 1) + ")" : "decimal(" + (p - 1) + "," + s + ")"));
        }
        case 3 -> {
          int rank = 1 + random.nextInt(TEXTS.size() - 2);
          cases.add(new Case(TEXTS.get(rank), TEXTS.get(rank + 1), TEXTS.get(rank - 1)));
        }
        case 4 -> {
          int f = 1 + random.nextInt(5);
          String kind = random.nextBoolean() ? "datetime" : "time";
          cases.add(new Case(kind + "(" + f + ")", kind + "(" + (f + 1) + ")", kind + "(" + (f - 1) + ")"));
        }
        default -> {
          int n = 1 + random.nextInt(60);
          cases.add(new Case("varchar(" + n + ")", "text", random.nextBoolean() ? "int" : "date"));
        }
      }
    }
    return cases;
  }

  @Test
  void wideningIsAcceptedAndNarrowingOrAnotherTypeRefused() {
    for (Case c : generate(11, 2_000)) {
      assertThat(SchemaEvolution.widens(c.type(), c.type())).as(c.toString()).isTrue();
      assertThat(SchemaEvolution.widens(c.type(), c.wider())).as(c.toString()).isTrue();
      assertThat(SchemaEvolution.widens(c.type(), c.narrower())).as(c.toString()).isFalse();
      assertThat(SchemaEvolution.widens(c.type() + " not null", c.wider())).as(c.toString()).isTrue();
    }
  }

  @Test
  void signednessChangesWidenOnlyIntoALargerSignedType() {
    assertThat(SchemaEvolution.widens("int unsigned", "bigint")).isTrue();
    assertThat(SchemaEvolution.widens("int unsigned", "int")).isFalse();
    assertThat(SchemaEvolution.widens("int", "int unsigned")).isFalse();
    assertThat(SchemaEvolution.widens("float", "double")).isTrue();
    assertThat(SchemaEvolution.widens("double", "float")).isFalse();
  }
}

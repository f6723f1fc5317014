package io.doltsync.tck;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generator: values the primary may accept and Dolt cannot store (NaN, ±Infinity, decimals with more integer
 * digits than Dolt's {@code decimal(65,30)} keeps, an H2 {@code DECFLOAT} beyond it, dates outside years
 * 0–9999, PostgreSQL BC dates, text with an unpaired UTF-16 surrogate on H2), each committed together with an
 * ordinary row: REFUSED at {@code commit()} (or by the primary itself), nothing committed. Values at the edge of
 * what both can store (the largest decimals, the first and last dates the primary has) are MIRRORED verbatim.
 */
final class UnstorableValueCases {

  private UnstorableValueCases() {}

  static List<HostileCase> cases(HostileWorld world, Random random, int count) {
    String table = "h_values";
    String decimalType = world.isPostgres() ? "NUMERIC" : world.isH2() ? "DECFLOAT" : "DECIMAL(65,30)";
    List<HostileCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> setup = i == 0 ? List.of("CREATE TABLE " + world.q(table) + " (id INT NOT NULL PRIMARY KEY, "
          + "d DOUBLE PRECISION, n " + decimalType + ", dt DATE, s VARCHAR(100))") : List.of();
      Value value = value(world, random);
      int id = 2 * i + 1;
      cases.add(new HostileCase("values Dolt cannot store", value.column + " = " + describe(value.value),
          value.outcome, List.of(table), setup, w -> {
            w.app().setAutoCommit(false);
            try (PreparedStatement insert = w.app().prepareStatement("INSERT INTO " + w.q(table) + " (id, "
                + value.column + ") VALUES (?, ?)")) {
              insert.setInt(1, id);
              insert.setObject(2, value.value);
              insert.executeUpdate();
              insert.setInt(1, id + 1);
              insert.setObject(2, ordinary(value.column));
              insert.executeUpdate();
            }
            w.app().commit();
            w.app().setAutoCommit(true);
          }));
    }
    return cases;
  }

  private record Value(String column, Object value, HostileOutcome outcome) {}

  private static Value value(HostileWorld world, Random random) {
    List<Value> values = new ArrayList<>(List.of(
        new Value("d", Double.NaN, HostileOutcome.REFUSED),
        new Value("d", Double.POSITIVE_INFINITY, HostileOutcome.REFUSED),
        new Value("d", Double.NEGATIVE_INFINITY, HostileOutcome.REFUSED),
        new Value("d", random.nextGaussian() * Math.pow(10, random.nextInt(300)), HostileOutcome.MIRRORED),
        new Value("n", new BigDecimal("9".repeat(35) + "." + "9".repeat(30)).negate(), HostileOutcome.MIRRORED),
        new Value("n", new BigDecimal(digits(random, 1 + random.nextInt(35)) + "." + digits(random, 30)),
            HostileOutcome.MIRRORED)));
    if (world.isPostgres()) {
      values.add(new Value("n", new BigDecimal(digits(random, 36 + random.nextInt(40))), HostileOutcome.REFUSED));
      values.add(new Value("dt", LocalDate.of(10_000 + random.nextInt(100_000), 1 + random.nextInt(12), 1),
          HostileOutcome.REFUSED));
      values.add(new Value("dt", LocalDate.of(-random.nextInt(4000), 3, 15), HostileOutcome.REFUSED));
      values.add(new Value("s", "nul\u0000byte", HostileOutcome.REFUSED));
    } else if (world.isH2()) {
      values.add(new Value("n", new BigDecimal("1.5E+" + (36 + random.nextInt(1000))), HostileOutcome.REFUSED));
      values.add(new Value("dt", LocalDate.of(10_000 + random.nextInt(100_000), 1 + random.nextInt(12), 1),
          HostileOutcome.REFUSED));
      values.add(new Value("s", "half " + (char) (0xD800 + random.nextInt(0x800)) + " pair", HostileOutcome.REFUSED));
      values.add(new Value("dt", LocalDate.of(1600 + random.nextInt(8400), 1 + random.nextInt(12), 28),
          HostileOutcome.MIRRORED));
    } else {
      values.add(new Value("dt", LocalDate.of(1000 + random.nextInt(9000), 1 + random.nextInt(12), 28),
          HostileOutcome.MIRRORED));
      values.add(new Value("dt", LocalDate.of(9999, 12, 31), HostileOutcome.MIRRORED));
    }
    return values.get(random.nextInt(values.size()));
  }

  private static Object ordinary(String column) {
    return switch (column) {
      case "d" -> 1.5;
      case "n" -> new BigDecimal("12.5");
      case "dt" -> LocalDate.of(2020, 2, 29);
      default -> "plain";
    };
  }

  private static String digits(Random random, int count) {
    StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
    for (int i = 1; i < count; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }

  private static String describe(Object value) {
    String text = String.valueOf(value);
    return text.length() > 60 ? text.substring(0, 60) + "…" : text.chars().anyMatch(c -> Character.isSurrogate((char) c))
        ? text.replaceAll("\\p{Cs}", "<lone surrogate>") : text;
  }
}

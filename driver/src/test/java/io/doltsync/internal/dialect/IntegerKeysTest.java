package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.ColumnSchema;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The one integer-key order (restore's locked merge, verify's ordered merge) and the one integer-key check
 * (those two and sync's range readers), against {@link BigInteger}'s order: generated values near 0, the int and
 * long limits and past them (BIGINT UNSIGNED), each in every class a driver may return it as (Byte to Long when it
 * fits, BigInteger, BigDecimal with and without a scale, text), alone and as composite keys.
 */
class IntegerKeysTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final Set<Integer> INTEGER_TYPES = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT);

  @Test
  void valuesOfEveryClassCompareAsTheirNumbers() {
    System.out.println("IntegerKeysTest seed " + SEED);
    Random random = new Random(SEED);
    for (int n = 0; n < 20_000; n++) {
      BigInteger a = value(random);
      BigInteger b = random.nextInt(4) == 0 ? a : value(random);
      Object left = asDriverValue(random, a);
      Object right = asDriverValue(random, b);
      assertThat(Integer.signum(IntegerKeys.compare(left, right)))
          .as("%s (%s) against %s (%s)", left, left.getClass().getSimpleName(), right, right.getClass().getSimpleName())
          .isEqualTo(a.compareTo(b));
    }
  }

  @Test
  void compositeKeysCompareColumnByColumn() {
    Random random = new Random(SEED + 1);
    for (int n = 0; n < 5_000; n++) {
      int columns = 1 + random.nextInt(3);
      BigInteger[] a = new BigInteger[columns];
      BigInteger[] b = new BigInteger[columns];
      Object[] left = new Object[columns];
      Object[] right = new Object[columns];
      int expected = 0;
      for (int i = 0; i < columns; i++) {
        a[i] = value(random);
        b[i] = random.nextBoolean() ? a[i] : value(random);
        left[i] = asDriverValue(random, a[i]);
        right[i] = asDriverValue(random, b[i]);
        if (expected == 0) {
          expected = a[i].compareTo(b[i]);
        }
      }
      assertThat(Integer.signum(IntegerKeys.compare(left, right))).as("%s against %s", List.of(left), List.of(right))
          .isEqualTo(expected);
    }
  }

  @Test
  void onlyTheFourIntegerTypesMakeAnIntegerKey() throws IllegalAccessException {
    List<Integer> everyType = new ArrayList<>();
    for (Field field : Types.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        everyType.add(field.getInt(null));
      }
    }
    assertThat(everyType).hasSizeGreaterThan(30);
    Random random = new Random(SEED + 2);
    for (int type : everyType) {
      assertThat(IntegerKeys.isIntegerType(type)).as("JDBC type %d", type).isEqualTo(INTEGER_TYPES.contains(type));
    }
    assertThat(IntegerKeys.allIntegers(List.of())).isFalse();
    for (int n = 0; n < 500; n++) {
      List<ColumnSchema> key = new ArrayList<>();
      boolean integers = true;
      for (int i = 0, size = 1 + random.nextInt(4); i < size; i++) {
        int type = everyType.get(random.nextInt(everyType.size()));
        if (random.nextBoolean()) {
          type = List.copyOf(INTEGER_TYPES).get(random.nextInt(INTEGER_TYPES.size()));
        }
        integers &= INTEGER_TYPES.contains(type);
        key.add(new ColumnSchema("k" + i, type, "t", 0, 0, false, false, null));
      }
      assertThat(IntegerKeys.allIntegers(key)).as("%s", key).isEqualTo(integers);
    }
  }

  private static BigInteger value(Random random) {
    BigInteger[] anchors = {BigInteger.ZERO, BigInteger.valueOf(Integer.MAX_VALUE), BigInteger.valueOf(Integer.MIN_VALUE),
        BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE), BigInteger.TWO.pow(64).subtract(BigInteger.ONE)};
    return anchors[random.nextInt(anchors.length)].add(BigInteger.valueOf(random.nextInt(7) - 3));
  }

  private static Object asDriverValue(Random random, BigInteger value) {
    List<Object> forms = new ArrayList<>();
    if (value.bitLength() < 8) {
      forms.add(value.byteValue());
    }
    if (value.bitLength() < 16) {
      forms.add(value.shortValue());
    }
    if (value.bitLength() < 32) {
      forms.add(value.intValue());
    }
    if (value.bitLength() < 64) {
      forms.add(value.longValue());
    }
    forms.add(value);
    forms.add(new BigDecimal(value));
    forms.add(new BigDecimal(value).setScale(2));
    forms.add(value.toString());
    return forms.get(random.nextInt(forms.size()));
  }
}

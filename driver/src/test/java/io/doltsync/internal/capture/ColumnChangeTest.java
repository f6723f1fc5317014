package io.doltsync.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.ColumnSchema;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The amounts an UPDATE may add to a column without its row being read ({@link ColumnChange#amount}) and how two
 * changes of a column combine ({@link ColumnChange#then}): generated operands of every Java type a driver is bound
 * with, against integer, decimal, unsigned and floating columns, and chains of changes against exact arithmetic.
 */
class ColumnChangeTest {

  private static final long SEED = Long.getLong("doltsync.test.seed", System.nanoTime());
  private static final ColumnSchema INT = new ColumnSchema("n", Types.INTEGER, "int(11)", 10, 0, true, false, null);
  private static final ColumnSchema UNSIGNED = new ColumnSchema("u", Types.INTEGER, "int(10) unsigned", 10, 0, true,
      false, null);
  private static final ColumnSchema DECIMAL = new ColumnSchema("d", Types.DECIMAL, "decimal(8,2)", 8, 2, true, false,
      null);
  private static final ColumnSchema DOUBLE = new ColumnSchema("f", Types.DOUBLE, "double", 22, null, true, false, null);

  @Test
  void anAmountIsExactInTheColumnsTypeOrNotPredicted() {
    Random random = new Random(SEED);
    for (int i = 0; i < 2_000; i++) {
      Object operand = operand(random);
      boolean subtract = random.nextBoolean();
      boolean whole = operand instanceof Long || operand instanceof Integer || operand instanceof Short
          || operand instanceof Byte;
      Object forInt = ColumnChange.amount(operand, INT, subtract);
      if (whole && !(subtract && operand.equals(Long.MIN_VALUE))) {
        long expected = subtract ? -((Number) operand).longValue() : ((Number) operand).longValue();
        assertThat(forInt).as("%s into an INT (seed %d)", operand, SEED).isEqualTo(expected);
      } else {
        assertThat(forInt).as("%s (%s) into an INT (seed %d)", operand, operand.getClass(), SEED).isNull();
      }
      Object forDecimal = ColumnChange.amount(operand, DECIMAL, subtract);
      BigDecimal exact = whole ? BigDecimal.valueOf(((Number) operand).longValue())
          : operand instanceof BigDecimal d && d.scale() <= 2 ? d : null;
      if (exact == null) {
        assertThat(forDecimal).as("%s (%s) into a DECIMAL(8,2) (seed %d)", operand, operand.getClass(), SEED).isNull();
      } else {
        assertThat(forDecimal).as("%s into a DECIMAL(8,2) (seed %d)", operand, SEED)
            .isEqualTo((subtract ? exact.negate() : exact).setScale(2));
      }
      assertThat(ColumnChange.amount(operand, UNSIGNED, subtract)).as("unsigned").isNull();
      assertThat(ColumnChange.amount(operand, DOUBLE, subtract)).as("double").isNull();
    }
  }

  @Test
  void changesOfAColumnCombineAsTheyWereApplied() {
    Random random = new Random(SEED);
    for (int chain = 0; chain < 500; chain++) {
      boolean decimal = random.nextBoolean();
      ColumnChange combined = null;
      BigDecimal start = BigDecimal.valueOf(random.nextInt(1000));
      BigDecimal model = start; // the column's value after the chain, from the value before it
      boolean set = false;
      boolean exact = true;
      for (int step = 1 + random.nextInt(5); step > 0; step--) {
        ColumnChange change;
        if (random.nextInt(3) == 0) {
          long value = random.nextInt(1000);
          change = new ColumnChange(0, false, decimal ? BigDecimal.valueOf(value).setScale(2) : (Object) value);
          model = BigDecimal.valueOf(value);
          set = true;
        } else {
          long amount = random.nextInt(10) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(2000) - 1000;
          change = new ColumnChange(0, true, decimal ? BigDecimal.valueOf(amount).setScale(2) : (Object) amount);
          model = model.add(BigDecimal.valueOf(amount));
        }
        combined = combined == null ? change : combined.then(change);
        if (combined == null) {
          exact = false;
          break;
        }
      }
      if (!exact) {
        assertThat(decimal).as("only an integer sum beyond a long fails to combine (seed %d)", SEED).isFalse();
        continue;
      }
      BigDecimal applied = combined.add() ? start.add(new BigDecimal(combined.value().toString()))
          : new BigDecimal(combined.value().toString());
      assertThat(combined.add()).as("a chain with a set value sets (seed %d)", SEED).isEqualTo(!set);
      assertThat(applied).as("chain %d (seed %d)", chain, SEED).isEqualByComparingTo(model);
    }
    ColumnChange nullSet = new ColumnChange(0, false, null);
    assertThat(nullSet.then(new ColumnChange(0, true, 5L))).as("NULL plus an amount stays NULL").isEqualTo(nullSet);
  }

  private static Object operand(Random random) {
    List<Object> operands = List.of(random.nextInt(), (long) random.nextInt(1000), random.nextLong(), Long.MIN_VALUE,
        (short) random.nextInt(100), (byte) random.nextInt(100), BigDecimal.valueOf(random.nextInt(100_000), 2),
        BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(5)), random.nextDouble() * 100,
        (float) random.nextInt(100), "12", new java.math.BigInteger("12"));
    return operands.get(random.nextInt(operands.size()));
  }
}

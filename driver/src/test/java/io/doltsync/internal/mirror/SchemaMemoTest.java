package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SchemaMemoTest {

  /** A schema drawn from a small space, so that equal schemas in distinct instances come up often. */
  private static TableSchema schema(Random random) {
    List<ColumnSchema> columns = new ArrayList<>();
    int width = 1 + random.nextInt(3);
    for (int i = 0; i < width; i++) {
      columns.add(new ColumnSchema("c" + i, random.nextBoolean() ? Types.INTEGER : Types.VARCHAR,
          random.nextBoolean() ? "int" : "varchar", 10, null, random.nextBoolean(), false, null));
    }
    return new TableSchema("t" + random.nextInt(4), columns, List.of("c0"), List.of(), List.of(), List.of());
  }

  /**
   * Generated lookups and insertions of fresh instances (more than the identity memo holds) agree with a map by
   * equality: identity only ever finds what equality would.
   */
  @Test
  void answersAsAMapByEqualityDoes() {
    Random random = new Random(42);
    SchemaMemo<String> memo = new SchemaMemo<>();
    Map<TableSchema, String> reference = new HashMap<>();
    List<TableSchema> instances = new ArrayList<>();
    for (int step = 0; step < 5_000; step++) {
      TableSchema schema = !instances.isEmpty() && random.nextInt(3) == 0
          ? instances.get(random.nextInt(instances.size())) : schema(random);
      instances.add(schema);
      assertThat(memo.get(schema)).as("step %d", step).isEqualTo(reference.get(schema));
      if (reference.get(schema) == null && random.nextBoolean()) {
        String value = schema.toString();
        memo.put(schema, value);
        reference.put(schema, value);
      }
    }
    assertThat(reference).isNotEmpty();
  }
}

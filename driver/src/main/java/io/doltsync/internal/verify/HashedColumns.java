package io.doltsync.internal.verify;

import io.doltsync.internal.dialect.CanonicalSql;
import io.doltsync.spi.SourceDialect;
import io.doltsync.spi.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a table's columns are compared: those with an exact canonical text in both databases are hashed
 * inside each database; the others are read and compared in the JVM, chunk by chunk.
 *
 * @param hashed     positions of the hashed columns
 * @param texts      their text expressions, in the order of {@code hashed}
 * @param inJvm      positions of the columns compared in the JVM
 * @param key        positions of the primary-key columns
 */
record HashedColumns(List<Integer> hashed, List<CanonicalSql.ColumnText> texts, List<Integer> inJvm, List<Integer> key) {

  static HashedColumns of(SourceDialect dialect, TableSchema schema) {
    List<Integer> hashed = new ArrayList<>();
    List<CanonicalSql.ColumnText> texts = new ArrayList<>();
    List<Integer> inJvm = new ArrayList<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      Optional<CanonicalSql.ColumnText> text = CanonicalSql.columnText(dialect, schema.name(), schema.columns().get(i));
      if (text.isPresent()) {
        hashed.add(i);
        texts.add(text.get());
      } else {
        inJvm.add(i);
      }
    }
    List<Integer> key = new ArrayList<>();
    for (String column : schema.primaryKey()) {
      for (int i = 0; i < schema.columns().size(); i++) {
        if (schema.columns().get(i).name().equalsIgnoreCase(column)) {
          key.add(i);
        }
      }
    }
    return new HashedColumns(hashed, texts, inJvm, key);
  }

  /** Every column position, in table order. */
  List<Integer> all() {
    List<Integer> all = new ArrayList<>(hashed.size() + inJvm.size());
    for (int i = 0; i < hashed.size() + inJvm.size(); i++) {
      all.add(i);
    }
    return all;
  }

  /** The key positions followed by the JVM-compared positions. */
  List<Integer> keyAndJvm() {
    List<Integer> positions = new ArrayList<>(key);
    positions.addAll(inJvm);
    return positions;
  }
}

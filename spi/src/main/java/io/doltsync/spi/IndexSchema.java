package io.doltsync.spi;

import java.util.List;

/**
 * An index of a primary table other than its primary key.
 *
 * @param name    the index name
 * @param columns the indexed columns, in index order
 * @param unique  whether the index enforces uniqueness
 */
public record IndexSchema(String name, List<String> columns, boolean unique) {
  public IndexSchema {
    columns = List.copyOf(columns);
  }
}

package io.doltsync.internal.dialect;

import io.doltsync.spi.ColumnSchema;

/** Maps a primary column of one type name to its Dolt column type, or to {@code null} when it cannot. */
@FunctionalInterface
interface TypeRule {
  DoltColumnType apply(ColumnSchema column);
}

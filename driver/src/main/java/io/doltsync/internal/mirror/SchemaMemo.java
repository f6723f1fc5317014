package io.doltsync.internal.mirror;

import io.doltsync.spi.TableSchema;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map keyed by table schema, by equality as usual, that finds the instances it has already seen by identity
 * first: a {@link TableSchema} record hashes and compares every column, index and name on each equality lookup,
 * while the schema catalog hands out the same instance until it reloads. Values must be a function of the
 * schema's equality (the same for equal schemas); entries are never removed. The identity memo is bounded: it
 * starts over after {@value #IDENTITY_LIMIT} instances (reloads make new ones).
 */
final class SchemaMemo<V> {

  private static final int IDENTITY_LIMIT = 1024;

  private final Map<TableSchema, V> byEquality = new ConcurrentHashMap<>();
  private final Map<TableSchema, V> byIdentity = new IdentityHashMap<>();

  /** The value of that schema (or one equal to it), or {@code null}. */
  V get(TableSchema schema) {
    V value;
    synchronized (byIdentity) {
      value = byIdentity.get(schema);
    }
    if (value == null) {
      value = byEquality.get(schema);
      if (value != null) {
        remember(schema, value);
      }
    }
    return value;
  }

  void put(TableSchema schema, V value) {
    byEquality.put(schema, value);
    remember(schema, value);
  }

  private void remember(TableSchema schema, V value) {
    synchronized (byIdentity) {
      if (byIdentity.size() >= IDENTITY_LIMIT) {
        byIdentity.clear();
      }
      byIdentity.put(schema, value);
    }
  }
}

package io.doltsync.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.capture.ChangeSetBuilder;
import io.doltsync.internal.capture.TransactionCapture;
import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.internal.journal.TableChange;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.SourceDialect;
import io.doltsync.testing.PrimaryKind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A committing transaction with DDL reads each table its DDL touched once: the catalog's refresh and the
 * change set share what they read ({@link SchemaReads}). The dialect is the real one of each primary, wrapped
 * to count its metadata reads; each DDL runs in the open transaction (on MariaDB it commits implicitly).
 */
class SchemaReadOnceTest {

  /** Each DDL, and the columns of {@code t} it leaves (empty: the table is gone). */
  private static final Map<String, List<String>> DDL = Map.of(
      "ALTER TABLE t ADD COLUMN v INT", List.of("id", "name", "v"),
      "ALTER TABLE t DROP COLUMN name", List.of("id"),
      "DROP TABLE t", List.of());

  @ParameterizedTest
  @EnumSource(PrimaryKind.class)
  void aDdlTouchedTableIsReadOncePerCommit(PrimaryKind kind) throws Exception {
    for (Map.Entry<String, List<String>> ddl : DDL.entrySet()) {
      try (PrimaryKind.Space space = kind.createSpace("readonce"); Connection connection = space.connect()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))");
          statement.execute("CREATE TABLE other (id INT PRIMARY KEY)");
        }
        CountingDialect counting = new CountingDialect(SourceDialects.forUrl(space.url()));
        SchemaCatalog catalog = new SchemaCatalog(counting.dialect(),
            new TableFilter(List.of("*"), List.of(), "doltsync_journal"));
        catalog.reload(connection);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute(ddl.getKey());
        }
        catalog.invalidate(List.of("t"));
        TransactionCapture capture = new TransactionCapture();
        capture.table("t").markSchemaChanged();
        counting.reset();

        SchemaReads reads = new SchemaReads(counting.dialect(), connection);
        catalog.ensureLoaded(reads);
        List<TableChange> changes = new ChangeSetBuilder(counting.dialect(), catalog).build(reads, capture);
        connection.rollback();

        assertThat(counting.lists.get()).as(ddl.getKey()).isEqualTo(1);
        assertThat(counting.reads).as(ddl.getKey())
            .containsOnlyKeys(ddl.getValue().isEmpty() ? List.of() : List.of("t"));
        counting.reads.values().forEach(count -> assertThat(count.get()).as(ddl.getKey()).isEqualTo(1));
        assertThat(changes).hasSize(1);
        if (ddl.getValue().isEmpty()) {
          assertThat(changes.get(0).kind()).isEqualTo(TableChange.Kind.DROP);
          assertThat(catalog.table("t")).isEmpty();
        } else {
          List<String> columns = changes.get(0).schema().columns().stream()
              .map(column -> column.name().toLowerCase(Locale.ROOT)).toList();
          assertThat(columns).as(ddl.getKey()).isEqualTo(ddl.getValue());
          assertThat(catalog.table("t").orElseThrow().columns().stream().map(ColumnSchema::name)
              .map(name -> name.toLowerCase(Locale.ROOT)).toList()).isEqualTo(ddl.getValue());
        }
      }
    }
  }

  /**
   * The real dialect, counting its {@code listTables} calls and its table reads ({@code readTable} or
   * {@code readListedTable}) per table key.
   */
  private static final class CountingDialect {

    private final SourceDialect dialect;
    private final AtomicInteger lists = new AtomicInteger();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    CountingDialect(SourceDialect real) {
      this.dialect = (SourceDialect) Proxy.newProxyInstance(SourceDialect.class.getClassLoader(),
          new Class<?>[] {SourceDialect.class}, (proxy, method, args) -> {
            if (method.getName().equals("listTables")) {
              lists.incrementAndGet();
            } else if (method.getName().equals("readTable") || method.getName().equals("readListedTable")) {
              reads.computeIfAbsent(((String) args[1]).toLowerCase(Locale.ROOT), key -> new AtomicInteger())
                  .incrementAndGet();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    SourceDialect dialect() {
      return dialect;
    }

    void reset() {
      lists.set(0);
      reads.clear();
    }
  }
}

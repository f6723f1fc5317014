package io.doltsync.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The spi is what third parties compile against: a new public type here is a promise. The list holds the schema
 * model, the dialect interface with its public base ({@link JdbcSourceDialect}) and lexical rules
 * ({@link LexicalRules}, which lets a dialect describe its SQL without naming doltsync internals), and commit
 * metadata. Add a type here on purpose, or keep it package-private.
 */
class SpiPublicTypesTest {

  static final Set<String> PUBLIC_TYPES = Set.of(
      "io.doltsync.spi.SourceDialect",
      "io.doltsync.spi.JdbcSourceDialect",
      "io.doltsync.spi.LexicalRules",
      "io.doltsync.spi.LexicalRules$Builder",
      "io.doltsync.spi.LexicalRules$DollarQuotes",
      "io.doltsync.spi.LexicalRules$IdentifierCase",
      "io.doltsync.spi.UnmappableTypeException",
      "io.doltsync.spi.TableSchema",
      "io.doltsync.spi.ColumnSchema",
      "io.doltsync.spi.IndexSchema",
      "io.doltsync.spi.ForeignKeySchema",
      "io.doltsync.spi.ForeignKeySchema$Action",
      "io.doltsync.spi.CommitMetadata",
      "io.doltsync.spi.CommitMetadataProvider",
      "io.doltsync.spi.TransactionSummary");

  @Test
  void onlyTheListedTypesArePublic() throws Exception {
    Path classes = Path.of(SourceDialect.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = classes.relativize(file).toString().replace('/', '.');
        if (!name.endsWith(".class") || name.endsWith("package-info.class")) {
          continue;
        }
        Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false, getClass().getClassLoader());
        if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
          found.add(type.getName());
        }
      }
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }
}

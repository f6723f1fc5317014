package io.doltsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The driver's public surface stays one a user can hold in one hand: the driver, the DataSources and their
 * factory, {@link DoltSyncConnection}, {@link DoltSync} and the types its methods take and return, export and
 * lineage (the {@code spi} is a module of its own).
 * Everything else is under {@code io.doltsync.internal}. A new public type outside it fails this test:
 * make it internal, or add it here on purpose (and to the README's API section).
 */
class PublicApiTest {

  static final Set<String> PUBLIC_TYPES = Set.of(
      // the driver and its DataSources
      "io.doltsync.jdbc.DoltSyncDriver",
      "io.doltsync.jdbc.DoltSyncDataSource",
      "io.doltsync.jdbc.DoltSyncXADataSource",
      "io.doltsync.jdbc.DoltSyncDataSourceFactory",
      // the connection and the operations on it
      "io.doltsync.DoltSyncConnection",
      "io.doltsync.DoltSync",
      "io.doltsync.MirrorHealth",
      "io.doltsync.MirrorStatus",
      "io.doltsync.MirrorMetricsMXBean",
      "io.doltsync.VerifyReport",
      "io.doltsync.VerifyProgress",
      "io.doltsync.ReconcileReport",
      "io.doltsync.StatusReport",
      "io.doltsync.WritebackOptions",
      "io.doltsync.WritebackReport",
      "io.doltsync.WritebackProgress",
      "io.doltsync.WritebackConflictException",
      // export (sync_from_dolt) and lineage
      "io.doltsync.export.DoltExport",
      "io.doltsync.export.ExportReport",
      "io.doltsync.export.ExportProgress",
      "io.doltsync.lineage.Lineage",
      "io.doltsync.lineage.LineageRecord",
      "io.doltsync.lineage.LineageScope",
      "io.doltsync.lineage.LineageUnit");

  @Test
  void onlyTheListedTypesArePublicOutsideInternal() throws Exception {
    Set<String> found = new TreeSet<>();
    Path location = Path.of(DoltSync.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    java.nio.file.FileSystem jar = Files.isDirectory(location) ? null
        : java.nio.file.FileSystems.newFileSystem(location, (ClassLoader) null);
    Path classes = jar == null ? location : jar.getPath("/");
    try (jar; Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = classes.relativize(file).toString().replace('/', '.');
        if (name.startsWith("META-INF")) {
          continue;
        }
        if (!name.endsWith(".class") || name.contains("$") || name.startsWith("io.doltsync.internal.")
            || name.endsWith("package-info.class")) {
          continue;
        }
        Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
            getClass().getClassLoader());
        if (Modifier.isPublic(type.getModifiers())) {
          found.add(type.getName());
        }
      }
    }
    assertThat(found).as("public types outside io.doltsync.internal").containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
  }
}

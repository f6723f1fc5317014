package io.doltsync.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At the end of a JUnit session (all of a module's tests in its test JVM), drops the databases and schemas the
 * tests created on the shared servers ({@link CreatedDatabases}), or with
 * {@code -Ddoltsync.test.keepDatabases=true} only says how many it keeps. Registered through
 * {@code META-INF/services}, so every module with this jar on its test class path has it.
 */
public final class DropCreatedDatabases implements LauncherSessionListener {

  private static final Logger LOG = LoggerFactory.getLogger(DropCreatedDatabases.class);

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (CreatedDatabases.keep()) {
      Map<CreatedDatabases.Server, List<String>> kept = CreatedDatabases.existingNames();
      Map<CreatedDatabases.Server, Integer> counts = new EnumMap<>(CreatedDatabases.Server.class);
      kept.forEach((server, names) -> counts.put(server, names.size()));
      LOG.info("doltsync tests: kept the databases they created ({}=true): {} {}", CreatedDatabases.KEEP_PROPERTY,
          counts, kept);
      return;
    }
    Map<CreatedDatabases.Server, Integer> dropped = CreatedDatabases.dropAll();
    LOG.info("doltsync tests: dropped the databases they created: {}; left: {}", dropped, CreatedDatabases.existing());
  }
}

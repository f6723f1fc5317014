package io.doltsync.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a test class that creates many databases: {@code @ExtendWith(DropDatabasesAfterClass.class)} drops the
 * databases and schemas named by {@link TestServers#uniqueName} while the class ran, when it ends, instead of at
 * the end of the session (after stopping the JVM's mirrors, as the session's clean-up does; test classes run one
 * after another). {@code -Ddoltsync.test.keepDatabases=true} keeps them.
 */
public final class DropDatabasesAfterClass implements BeforeAllCallback, AfterAllCallback {

  private static final Logger LOG = LoggerFactory.getLogger(DropDatabasesAfterClass.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DropDatabasesAfterClass.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put("mark", CreatedDatabases.handedOutSoFar());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Integer mark = context.getStore(NAMESPACE).get("mark", Integer.class);
    if (mark == null || CreatedDatabases.keep()) {
      return;
    }
    Map<CreatedDatabases.Server, Integer> dropped = CreatedDatabases.dropHandedOutSince(mark);
    LOG.info("{}: dropped the databases it created: {}", context.getDisplayName(), dropped);
  }
}

package io.doltsync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases and schemas this JVM's tests created on the shared test servers, and their clean-up. Every
 * name {@link TestServers#uniqueName} hands out is remembered (a Dolt database doltsync creates on first use is
 * named that way too, as are the MariaDB databases and PostgreSQL schemas of every module's helpers); at the
 * end of the JUnit session ({@link DropCreatedDatabases}) each server's databases or schemas that carry one of
 * those names are dropped, and Dolt's dropped-database folder is purged. A name this JVM did not hand out is
 * never dropped, so other test runs sharing the servers keep theirs. {@code -Ddoltsync.test.keepDatabases=true}
 * keeps them all, for debugging.
 */
public final class CreatedDatabases {

  /** The system property that keeps what the tests created. */
  public static final String KEEP_PROPERTY = "doltsync.test.keepDatabases";

  private static final Logger LOG = LoggerFactory.getLogger(CreatedDatabases.class);
  private static final Pattern GENERATED_SHAPE = Pattern.compile(".+_[0-9a-f]{10}", Pattern.CASE_INSENSITIVE);
  private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();
  /** The same names in the order they were handed out, for {@link #dropHandedOutSince}. */
  private static final List<String> ORDER = new CopyOnWriteArrayList<>();

  private CreatedDatabases() {}

  /** The test servers that hold databases (or schemas) tests create. */
  public enum Server {
    DOLT("SHOW DATABASES", "DROP DATABASE IF EXISTS `%s`"),
    DOLT_REMOTE("SHOW DATABASES", "DROP DATABASE IF EXISTS `%s`"),
    MARIADB("SHOW DATABASES", "DROP DATABASE IF EXISTS `%s`"),
    POSTGRES("SELECT schema_name FROM information_schema.schemata", "DROP SCHEMA IF EXISTS \"%s\" CASCADE");

    private final String list;
    private final String drop;

    Server(String list, String drop) {
      this.list = list;
      this.drop = drop;
    }

    Connection connect() throws SQLException {
      return switch (this) {
        case DOLT -> TestServers.dolt();
        case DOLT_REMOTE -> TestServers.doltRemote();
        case MARIADB -> TestServers.mariadb();
        case POSTGRES -> TestServers.postgres();
      };
    }

    /** The server's databases (schemas on PostgreSQL) that this JVM's tests created. */
    List<String> created(Connection connection) throws SQLException {
      List<String> names = new ArrayList<>();
      try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(list)) {
        while (rows.next()) {
          String name = rows.getString(1);
          if (isCreatedHere(name)) {
            names.add(name);
          }
        }
      }
      return names;
    }
  }

  /**
   * Remembers a name handed out for a test database, schema or table (by {@link TestServers#uniqueName}, or by a
   * helper that cannot link to this module, such as the tck's test-jar that third parties run).
   */
  public static void remember(String name) {
    NAMES.add(name.toLowerCase(Locale.ROOT));
    ORDER.add(name.toLowerCase(Locale.ROOT));
  }

  /** How many names were handed out so far: a mark for {@link #dropHandedOutSince}. */
  public static int handedOutSoFar() {
    return ORDER.size();
  }

  /**
   * True for a name this JVM handed out through {@link TestServers#uniqueName}, in any letter case (PostgreSQL
   * folds unquoted names to lower case): only those have the shape {@code prefix_<10 hex digits>} and are in
   * this JVM's set.
   */
  public static boolean isCreatedHere(String name) {
    return name != null && GENERATED_SHAPE.matcher(name).matches() && NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** True when {@code -Ddoltsync.test.keepDatabases=true}. */
  public static boolean keep() {
    return Boolean.getBoolean(KEEP_PROPERTY);
  }

  /** How many databases (schemas) this JVM created are on each server now; a server not running is left out. */
  public static Map<Server, Integer> existing() {
    Map<Server, Integer> counts = new EnumMap<>(Server.class);
    existingNames().forEach((server, names) -> counts.put(server, names.size()));
    return counts;
  }

  /** The databases (schemas) this JVM created that are on each server now; a server not running is left out. */
  public static Map<Server, List<String>> existingNames() {
    Map<Server, List<String>> names = new EnumMap<>(Server.class);
    for (Server server : Server.values()) {
      try (Connection connection = server.connect()) {
        names.put(server, server.created(connection));
      } catch (SQLException unreachable) {
        LOG.debug("test server {} not reachable: {}", server, unreachable.getMessage());
      }
    }
    return names;
  }

  /**
   * Drops every database (schema) on each server that this JVM created, first stopping this JVM's mirrors (so no
   * applier writes into them any more), and purges Dolt's dropped-database folder of the Dolt servers it dropped
   * on. A server that is not running is passed over (its tests have failed already).
   *
   * @return how many it dropped on each reachable server
   */
  public static Map<Server, Integer> dropAll() {
    return drop(CreatedDatabases::isCreatedHere);
  }

  /**
   * Like {@link #dropAll()}, for the names handed out since {@code mark} ({@link #handedOutSoFar()}): what one
   * test class created, at its end.
   */
  public static Map<Server, Integer> dropHandedOutSince(int mark) {
    Set<String> recent = Set.copyOf(ORDER.subList(Math.min(mark, ORDER.size()), ORDER.size()));
    return drop(name -> isCreatedHere(name) && recent.contains(name.toLowerCase(Locale.ROOT)));
  }

  private static Map<Server, Integer> drop(Predicate<String> which) {
    stopMirrors();
    Map<Server, Integer> dropped = new EnumMap<>(Server.class);
    for (Server server : Server.values()) {
      try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
        int count = 0;
        for (String name : server.created(connection)) {
          if (!which.test(name)) {
            continue;
          }
          try {
            statement.execute(String.format(server.drop, name));
            count++;
          } catch (SQLException e) {
            LOG.warn("could not drop test database {} on {}: {}", name, server, e.getMessage());
          }
        }
        if (count > 0 && (server == Server.DOLT || server == Server.DOLT_REMOTE)) {
          statement.execute("CALL dolt_purge_dropped_databases()");
        }
        dropped.put(server, count);
      } catch (SQLException unreachable) {
        LOG.debug("test server {} not reachable: {}", server, unreachable.getMessage());
      }
    }
    return dropped;
  }

  /**
   * Stops the mirrors doltsync runs in this JVM ({@code DoltSync.stopMirrors()}, when the driver is on the class
   * path: this module does not depend on it).
   */
  private static void stopMirrors() {
    try {
      Class.forName("io.doltsync.DoltSync").getMethod("stopMirrors").invoke(null);
    } catch (ClassNotFoundException noDriver) {
      // nothing mirrors in this JVM
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("could not stop this JVM's mirrors before dropping the test databases: {}", e.toString());
    }
  }
}

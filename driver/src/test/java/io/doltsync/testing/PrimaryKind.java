package io.doltsync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The primary databases the driver is tested on, each able to hand out an isolated {@link Space} of its own:
 * a fresh MariaDB database, a fresh PostgreSQL schema, or a fresh in-memory H2 database.
 */
public enum PrimaryKind {

  MARIADB("doltsync", "doltsync") {
    @Override
    public Space createSpace(String prefix) throws SQLException {
      String database = TestServers.createMariadbDatabase(prefix);
      return new Space(this, database, TestServers.mariadbUrl(database));
    }

    @Override
    void drop(Space space) throws SQLException {
      try (Connection connection = TestServers.mariadb(); Statement statement = connection.createStatement()) {
        statement.execute("DROP DATABASE IF EXISTS " + space.name());
      }
    }
  },

  POSTGRES("doltsync", "doltsync") {
    @Override
    public Space createSpace(String prefix) throws SQLException {
      String schema = TestServers.createPostgresSchema(prefix);
      return new Space(this, schema, TestServers.postgresUrl() + "?currentSchema=" + schema);
    }

    @Override
    void drop(Space space) throws SQLException {
      try (Connection connection = TestServers.postgres(); Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + space.name() + " CASCADE");
      }
    }
  },

  H2("sa", "") {
    @Override
    public Space createSpace(String prefix) {
      String name = TestServers.uniqueName(prefix);
      return new Space(this, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    void drop(Space space) throws SQLException {
      try (Connection connection = DriverManager.getConnection(space.url(), credentials());
          Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
  };

  private final String user;
  private final String password;

  PrimaryKind(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** Creates an isolated database, schema or in-memory database for one test class (or one mode of it). */
  public abstract Space createSpace(String prefix) throws SQLException;

  abstract void drop(Space space) throws SQLException;

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** A fresh {@code user}/{@code password} property set for this database. */
  public Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  /**
   * An isolated place on a primary database: its name (a database, schema or in-memory database name, unique
   * per run) and the raw JDBC URL that opens it.
   */
  public record Space(PrimaryKind kind, String name, String url) implements AutoCloseable {

    /** A raw connection to this space, as the application would open it without doltsync. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, kind.credentials());
    }

    /** Drops the space and everything in it. */
    @Override
    public void close() throws SQLException {
      kind.drop(this);
    }
  }
}

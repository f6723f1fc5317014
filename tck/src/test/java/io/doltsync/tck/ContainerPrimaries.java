package io.doltsync.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The opt-in container mode: {@code -Dtck.containers=mysql:8.4,postgres:16,mariadb:11} starts those database
 * images with Testcontainers (once per JVM; Testcontainers removes them at exit) and the suites run against them
 * instead of the local test servers. Dolt stays local (the shared server and the {@code dolt} binary). Without the
 * property nothing here runs. Asked for without a Docker engine, the run fails with a message saying so; it never
 * falls back to the local servers or skips.
 */
final class ContainerPrimaries {

  static final String PROPERTY = "tck.containers";

  private static final Logger LOG = LoggerFactory.getLogger(ContainerPrimaries.class);
  private static final Map<String, TckPrimary> STARTED = new ConcurrentHashMap<>();

  /** How the mode learns whether Docker is there: {@code null} when it is, else why not. */
  @FunctionalInterface
  interface DockerProbe {
    String absence();

    /** Testcontainers' own discovery (environment, socket, Docker contexts). */
    DockerProbe TESTCONTAINERS = () -> {
      try {
        return DockerClientFactory.instance().isDockerAvailable() ? null
            : "Testcontainers found no Docker environment (DOCKER_HOST, /var/run/docker.sock, ~/.testcontainers.properties)";
      } catch (RuntimeException | Error e) {
        return e.toString();
      }
    };
  }

  /** A database image the mode can run: its family and tag. */
  record Spec(String family, String tag) {

    /** {@code mysql:8.4}, {@code postgres:16}, {@code mariadb:11}; a family without a tag means its newest. */
    static Spec parse(String text) {
      String trimmed = text.trim().toLowerCase(Locale.ROOT);
      int colon = trimmed.indexOf(':');
      String family = colon < 0 ? trimmed : trimmed.substring(0, colon);
      String tag = colon < 0 ? "latest" : trimmed.substring(colon + 1);
      switch (family) {
        case "mysql", "mariadb", "postgres" -> {
          return new Spec(family, tag);
        }
        case "oracle-free", "oracle" -> throw new IllegalArgumentException(PROPERTY + ": " + text + " — the tck has no"
            + " Oracle Primary yet (its schema, trigger, procedure and statements are not written), so an Oracle Free"
            + " container would have nothing to run; use mysql, mariadb or postgres");
        default -> throw new IllegalArgumentException(PROPERTY + ": unknown database " + text
            + "; use mysql:<tag>, mariadb:<tag> or postgres:<tag>");
      }
    }

    String image() {
      return family + ":" + tag;
    }
  }

  private ContainerPrimaries() {}

  /** The images {@code tck.containers} asks for; empty when it is absent or blank (the default: local servers). */
  static List<Spec> requested() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).filter(s -> !s.isBlank()).map(Spec::parse).toList();
  }

  /** Starts (or reuses) a container per spec and returns its primary; fails when Docker is absent. */
  static List<TckPrimary> start(List<Spec> specs, DockerProbe docker) {
    String absence = docker.absence();
    if (absence != null) {
      throw new IllegalStateException("-D" + PROPERTY + "=" + String.join(",", specs.stream().map(Spec::image).toList())
          + " asks the tck to run against database containers, but no Docker engine is reachable: " + absence
          + ". Start Docker (or point DOCKER_HOST at one), or run without -D" + PROPERTY + " to use the local test servers.");
    }
    List<TckPrimary> primaries = new ArrayList<>();
    for (Spec spec : specs) {
      primaries.add(STARTED.computeIfAbsent(spec.image(), image -> startContainer(spec)));
    }
    return primaries;
  }

  private static TckPrimary startContainer(Spec spec) {
    LOG.info("starting {} for the tck", spec.image());
    String label = spec.family() + "-" + spec.tag();
    switch (spec.family()) {
      case "mysql" -> {
        JdbcDatabaseContainer<?> c = new MySQLContainer(DockerImageName.parse(spec.image())).withUsername("root");
        c.start();
        return new TckPrimary(label, MariaDbPrimary.mysqlAt(label, c.getHost(), c.getMappedPort(3306), "root",
            c.getPassword()), Primaries.MARIADB_CONNECTORJ.name());
      }
      case "mariadb" -> {
        JdbcDatabaseContainer<?> c = new MariaDBContainer(DockerImageName.parse(spec.image())).withUsername("root");
        c.start();
        return new TckPrimary(label, MariaDbPrimary.mariadbAt(label, c.getHost(), c.getMappedPort(3306), "root",
            c.getPassword()), Primaries.MARIADB.name());
      }
      default -> {
        PostgreSQLContainer c = new PostgreSQLContainer(DockerImageName.parse(spec.image()))
            .withCommand("postgres", "-c", "max_prepared_transactions=64");
        c.start();
        return new TckPrimary(label, PostgresPrimary.at(label, c.getHost(), c.getMappedPort(5432), c.getDatabaseName(),
            c.getUsername(), c.getPassword()), Primaries.POSTGRESQL.name());
      }
    }
  }
}

package io.doltsync.internal.jdbc.wrapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.testing.DoltSyncUrls;
import io.doltsync.testing.PrimaryKind;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves by reflection that the wrappers are hand-written and complete: every method of the JDBC 4.3
 * interfaces they implement (including default methods such as {@code beginRequest}, {@code enquoteLiteral}
 * and {@code setShardingKey}, and those of {@link java.sql.Wrapper} and {@link AutoCloseable}) is declared by the
 * wrapper class or one of its doltsync superclasses, never left to an interface default.
 */
class WrapperCompletenessTest {

  /** Each wrapper class and the JDBC interface it stands for. */
  private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(
      ConnectionWrapper.class, Connection.class,
      StatementWrapper.class, Statement.class,
      PreparedStatementWrapper.class, PreparedStatement.class,
      CallableStatementWrapper.class, CallableStatement.class,
      ResultSetWrapper.class, ResultSet.class,
      DatabaseMetaDataWrapper.class, DatabaseMetaData.class,
      SavepointWrapper.class, Savepoint.class);

  static Stream<Arguments> wrappers() {
    return WRAPPERS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.getSimpleName().compareTo(b.getSimpleName())))
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrappers")
  void declaresEveryInterfaceMethodItself(Class<?> wrapper, Class<?> jdbcInterface) throws Exception {
    assertThat(jdbcInterface).isAssignableFrom(wrapper);
    List<Method> required = interfaceMethods(jdbcInterface);
    assertThat(required).as("instance methods of %s", jdbcInterface.getName()).isNotEmpty();

    assertThat(notDeclaredByDoltSync(wrapper, jdbcInterface))
        .as("methods of %s that %s leaves to an interface default", jdbcInterface.getSimpleName(), wrapper.getSimpleName())
        .isEmpty();
  }

  /** The check itself notices a class that leaves methods to Statement's JDBC 4.3 defaults. */
  @Test
  void theCheckNoticesMethodsLeftToDefaults() throws Exception {
    assertThat(notDeclaredByDoltSync(LeavesEverythingToStatement.class, Statement.class))
        .anySatisfy(m -> assertThat(m).startsWith("Statement.enquoteLiteral"))
        .anySatisfy(m -> assertThat(m).startsWith("Statement.isSimpleIdentifier"));
  }

  private abstract static class LeavesEverythingToStatement implements Statement {}

  @Test
  void theJdbc43DefaultMethodsAreAmongThoseChecked() {
    assertThat(names(interfaceMethods(Connection.class)))
        .contains("beginRequest", "endRequest", "setShardingKey", "setShardingKeyIfValid", "unwrap", "isWrapperFor", "close");
    assertThat(names(interfaceMethods(Statement.class)))
        .contains("enquoteLiteral", "enquoteIdentifier", "enquoteNCharLiteral", "isSimpleIdentifier", "executeLargeUpdate");
    assertThat(names(interfaceMethods(PreparedStatement.class))).contains("setObject", "executeLargeUpdate", "execute");
    assertThat(names(interfaceMethods(ResultSet.class))).contains("updateObject", "close");
    assertThat(names(interfaceMethods(DatabaseMetaData.class))).contains("supportsSharding", "getMaxLogicalLobSize");
    assertThat(names(interfaceMethods(CallableStatement.class))).contains("registerOutParameter", "getObject");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrappers")
  void isFinalAndHandWritten(Class<?> wrapper, Class<?> jdbcInterface) {
    assertThat(Modifier.isFinal(wrapper.getModifiers())).as("%s is final", wrapper.getName()).isTrue();
    assertThat(Proxy.isProxyClass(wrapper)).isFalse();
    assertThat(wrapper.getPackageName()).isEqualTo("io.doltsync.internal.jdbc.wrapper");
  }

  /** No class of the driver refers to {@code java.lang.reflect.Proxy}: no dynamic proxies, anywhere. */
  @Test
  void noDriverClassUsesDynamicProxies() throws Exception {
    Map<String, byte[]> classes = driverClasses();
    assertThat(classes.keySet()).as("driver classes found").contains("io/doltsync/internal/jdbc/wrapper/ConnectionWrapper.class");
    List<String> offenders = new ArrayList<>();
    classes.forEach((name, bytes) -> {
      if (new String(bytes, StandardCharsets.ISO_8859_1).contains("java/lang/reflect/Proxy")) {
        offenders.add(name);
      }
    });
    assertThat(offenders).isEmpty();
  }

  /** The objects a real connection hands out are the hand-written wrappers, not proxies. */
  @Test
  void connectionsHandOutTheWrappers() throws Exception {
    PrimaryKind.Space space = PrimaryKind.H2.createSpace("completeness");
    try (Connection connection = DriverManager.getConnection(DoltSyncUrls.passThrough(space.url()), PrimaryKind.H2.credentials());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1");
        PreparedStatement prepared = connection.prepareStatement("SELECT ?");
        CallableStatement callable = connection.prepareCall("CALL 1")) {
      connection.setAutoCommit(false);
      Savepoint savepoint = connection.setSavepoint();
      List<Object> handedOut = List.of(connection, statement, rows, prepared, callable, connection.getMetaData(), savepoint);
      assertThat(handedOut).extracting(Object::getClass).containsExactly(ConnectionWrapper.class, StatementWrapper.class,
          ResultSetWrapper.class, PreparedStatementWrapper.class, CallableStatementWrapper.class,
          DatabaseMetaDataWrapper.class, SavepointWrapper.class);
      assertThat(handedOut).allSatisfy(o -> assertThat(Proxy.isProxyClass(o.getClass())).isFalse());
      connection.rollback();
    } finally {
      space.close();
    }
  }

  /** The interface's methods that the class does not declare itself (nor through a doltsync superclass). */
  private static List<String> notDeclaredByDoltSync(Class<?> type, Class<?> jdbcInterface) throws NoSuchMethodException {
    List<String> missing = new ArrayList<>();
    for (Method method : interfaceMethods(jdbcInterface)) {
      Method implementation = type.getMethod(method.getName(), method.getParameterTypes());
      Class<?> declaring = implementation.getDeclaringClass();
      if (declaring.isInterface() || !declaring.getPackageName().startsWith("io.doltsync")
          || Modifier.isAbstract(implementation.getModifiers())) {
        missing.add(describe(method) + " (resolved to " + declaring.getName() + ")");
      }
    }
    return missing;
  }

  private static List<Method> interfaceMethods(Class<?> jdbcInterface) {
    return Arrays.stream(jdbcInterface.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .toList();
  }

  private static List<String> names(List<Method> methods) {
    return methods.stream().map(Method::getName).toList();
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName()
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList();
  }

  /** The driver's compiled classes, from its class-path entry (the classes directory or the jar). */
  private static Map<String, byte[]> driverClasses() throws IOException, URISyntaxException {
    Path location = Paths.get(ConnectionWrapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, byte[]> classes = new java.util.TreeMap<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          classes.put(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      }
    } else {
      try (InputStream in = Files.newInputStream(location); ZipInputStream jar = new ZipInputStream(in)) {
        for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
          if (entry.getName().endsWith(".class")) {
            classes.put(entry.getName(), jar.readAllBytes());
          }
        }
      }
    }
    return classes;
  }
}

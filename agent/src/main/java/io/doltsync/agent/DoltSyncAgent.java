package io.doltsync.agent;

import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.sql.Connection;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of {@code -javaagent:doltsync-agent.jar} (and of a runtime attach): instruments every
 * {@link java.sql.Driver#connect} and every {@link javax.sql.DataSource#getConnection} so that the connections of
 * the selected JDBC URLs mirror into Dolt, with no change to the application. Configured like the driver
 * (system properties and environment variables: {@code doltsync.target}, ...) plus
 * {@code doltsync.agent.include} / {@code doltsync.agent.exclude}; the agent's argument, a query string
 * ({@code doltsync.target=jdbc%3Amariadb...&doltsync.mode=sync}), sets system properties that are not set yet.
 */
public final class DoltSyncAgent {

  private static final Logger LOG = LoggerFactory.getLogger(DoltSyncAgent.class);
  private static volatile boolean installed;

  private DoltSyncAgent() {}

  /** Called by the JVM for {@code -javaagent:doltsync-agent.jar[=options]}. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    install(arguments, instrumentation, false);
  }

  /** Called when the agent is attached to a running JVM; classes already loaded are retransformed. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    install(arguments, instrumentation, true);
  }

  private static synchronized void install(String arguments, Instrumentation instrumentation, boolean running) {
    AgentArguments.apply(arguments, System.getProperties());
    if (installed) {
      LOG.info("doltsync agent already installed; arguments applied");
      return;
    }
    long started = System.nanoTime();
    ConnectionHooks.configure(AgentSettings.fromSystem());
    ElementMatcher<MethodDescription> connect = named("connect").and(not(isAbstract()))
        .and(takesArguments(String.class, Properties.class)).and(returns(Connection.class));
    ElementMatcher<MethodDescription> getConnection = named("getConnection").and(not(isAbstract()))
        .and(returns(Connection.class)).and(takesArguments(0).or(takesArguments(String.class, String.class)));
    ClassFileLocator agentClasses = ClassFileLocator.ForClassLoader.of(DoltSyncAgent.class.getClassLoader());
    Advice driverAdvice = Advice.to(TypePool.Default.of(agentClasses).describe(DriverConnectAdvice.class.getName())
        .resolve(), agentClasses);
    Advice dataSourceAdvice = Advice.to(TypePool.Default.of(agentClasses)
        .describe(DataSourceConnectionAdvice.class.getName()).resolve(), agentClasses);
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        // at start-up only the JDK's own classes are loaded; attached to a running JVM, the drivers and pools
        // already loaded are retransformed
        .with(running ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION : AgentBuilder.RedefinitionStrategy.DISABLED)
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(Boolean.getBoolean("doltsync.agent.debug") ? AgentBuilder.Listener.StreamWriting.toSystemError()
            .withTransformationsOnly() : AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly())
        .ignore(nameStartsWith("net.bytebuddy.").or(nameStartsWith("io.doltsync."))
            .or(nameStartsWith("java.")).or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
            .or(nameStartsWith("com.sun.")).or(nameStartsWith("org.springframework.")).or(nameStartsWith("org.mockito."))
            .or(isSynthetic()))
        .type(not(isInterface()).and(failSafe(hasSuperType(named("java.sql.Driver")))))
        .transform((builder, type, loader, module, domain) -> builder.visit(new DeclaredMethodsAdvice(driverAdvice, connect)))
        .type(not(isInterface()).and(failSafe(hasSuperType(named("javax.sql.DataSource")))))
        .transform((builder, type, loader, module, domain) ->
            builder.visit(new DeclaredMethodsAdvice(dataSourceAdvice, getConnection)))
        .installOn(instrumentation);
    installed = true;
    LOG.info("doltsync agent installed in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  /** The advice around {@code Driver.connect(String, Properties)}: a selected URL opens a doltsync connection. */
  public static final class DriverConnectAdvice {

    private DriverConnectAdvice() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Connection enter(@Advice.This java.sql.Driver driver, @Advice.Argument(0) String url,
        @Advice.Argument(1) Properties info) throws java.sql.SQLException {
      return ConnectionHooks.driverConnect(driver, url, info);
    }

    @Advice.OnMethodExit
    static void exit(@Advice.Enter Connection wrapped, @Advice.Return(readOnly = false) Connection returned) {
      if (wrapped != null) {
        returned = wrapped;
      }
    }
  }

  /** The advice after {@code DataSource.getConnection(...)}: a selected DataSource's connection is wrapped. */
  public static final class DataSourceConnectionAdvice {

    private DataSourceConnectionAdvice() {}

    @Advice.OnMethodExit
    static void exit(@Advice.This javax.sql.DataSource dataSource, @Advice.AllArguments Object[] arguments,
        @Advice.Return(readOnly = false) Connection returned) throws java.sql.SQLException {
      returned = ConnectionHooks.dataSourceConnection(dataSource, returned, arguments);
    }
  }
}

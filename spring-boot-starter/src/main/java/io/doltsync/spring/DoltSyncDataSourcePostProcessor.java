package io.doltsync.spring;

import io.doltsync.jdbc.DoltSyncDataSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Decorates the application's own {@link DataSource} beans, as they are, so that their connections mirror into
 * Dolt: the bean stays of its class (a subclass proxy: {@code HikariDataSource} is still a
 * {@code HikariDataSource}, with its URL, user and pool settings as Boot made them) and only
 * {@code getConnection} goes through a {@link DoltSyncDataSource} wrapping the original.
 *
 * <p>doltsync's mirror of a database borrows connections for its own work from the first DataSource that reached
 * it, and outlives the context: each decorated bean is therefore a {@link RestartSafeDataSource}, which after its
 * context closes hands the mirror connections of a live context's pool for the same database (a context
 * restarted by the test context cache or by devtools).
 */
public class DoltSyncDataSourcePostProcessor implements DestructionAwareBeanPostProcessor, Ordered {

  private static final Logger LOG = LoggerFactory.getLogger(DoltSyncDataSourcePostProcessor.class);

  private final Environment environment;
  private DoltSyncProperties properties;
  /** The decorated beans of this context, by the bean itself (destruction callbacks get it, not the proxy). */
  private final Map<Object, RestartSafeDataSource> decorated = Collections.synchronizedMap(new IdentityHashMap<>());

  public DoltSyncDataSourcePostProcessor(Environment environment) {
    this.environment = environment;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 10;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof DataSource dataSource) || !selected(beanName) || alreadyMirroring(dataSource)) {
      return bean;
    }
    RestartSafeDataSource restartSafe = new RestartSafeDataSource(dataSource, beanName);
    DoltSyncDataSource doltSync = DoltSyncDataSource.wrap(restartSafe);
    for (Map.Entry<String, String> option : properties().options().entrySet()) {
      doltSync.setOption(option.getKey(), option.getValue());
    }
    ProxyFactory factory = new ProxyFactory(dataSource);
    factory.setProxyTargetClass(!Modifier.isFinal(dataSource.getClass().getModifiers()));
    factory.addAdvice(new ConnectionInterceptor(doltSync));
    LOG.info("doltsync mirrors the connections of DataSource bean '{}' ({})", beanName, dataSource.getClass().getName());
    Object proxy = factory.getProxy(dataSource.getClass().getClassLoader());
    decorated.put(dataSource, restartSafe);
    return proxy;
  }

  @Override
  public boolean requiresDestruction(Object bean) {
    return decorated.containsKey(bean);
  }

  /** Runs before the pool's own close: the mirror stops borrowing from it. */
  @Override
  public void postProcessBeforeDestruction(Object bean, String beanName) {
    RestartSafeDataSource restartSafe = decorated.remove(bean);
    if (restartSafe != null) {
      restartSafe.close();
    }
  }

  private DoltSyncProperties properties() {
    if (properties == null) {
      properties = Binder.get(environment).bindOrCreate("doltsync", DoltSyncProperties.class);
    }
    return properties;
  }

  private boolean selected(String beanName) {
    return properties().getDataSources().isEmpty() || properties().getDataSources().contains(beanName);
  }

  private static boolean alreadyMirroring(DataSource dataSource) {
    try {
      return dataSource.isWrapperFor(DoltSyncDataSource.class);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Sends {@code getConnection} through doltsync, {@code unwrap}/{@code isWrapperFor} of doltsync's type to it. */
  private static final class ConnectionInterceptor implements MethodInterceptor {
    private final DoltSyncDataSource doltSync;

    ConnectionInterceptor(DoltSyncDataSource doltSync) {
      this.doltSync = doltSync;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
      Method method = invocation.getMethod();
      Object[] arguments = invocation.getArguments();
      if (method.getName().equals("getConnection") && Connection.class.isAssignableFrom(method.getReturnType())) {
        if (arguments.length == 0) {
          return doltSync.getConnection();
        }
        if (arguments.length == 2) {
          return doltSync.getConnection((String) arguments[0], (String) arguments[1]);
        }
      }
      if (arguments.length == 1 && arguments[0] == DoltSyncDataSource.class) {
        if (method.getName().equals("unwrap")) {
          return doltSync;
        }
        if (method.getName().equals("isWrapperFor")) {
          return true;
        }
      }
      return invocation.proceed();
    }
  }
}

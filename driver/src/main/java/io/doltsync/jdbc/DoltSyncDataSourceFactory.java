package io.doltsync.jdbc;

import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Set;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;
import javax.sql.DataSource;

/**
 * The JNDI {@link ObjectFactory} of {@link DoltSyncDataSource}: application servers (Tomcat's
 * {@code <Resource factory="io.doltsync.jdbc.DoltSyncDataSourceFactory" url="..." target="..."/>}) build
 * the DataSource from string attributes: {@code url}, {@code user}, {@code password}, and every doltsync
 * option by its key ({@code doltsync.target}) or its bean name ({@code target}). The resource's type may be
 * {@code javax.sql.DataSource} or {@code io.doltsync.jdbc.DoltSyncDataSource}; the container's own attributes
 * (Tomcat adds {@code scope}, {@code auth}, {@code singleton}, ...) are ignored.
 */
public final class DoltSyncDataSourceFactory implements ObjectFactory {

  /** The reference class names (the resource's {@code type}) this factory builds a DataSource for. */
  private static final Set<String> TYPES = Set.of(DoltSyncDataSource.class.getName(), DataSource.class.getName());

  @Override
  public Object getObjectInstance(Object object, Name name, Context context, Hashtable<?, ?> environment) {
    if (!(object instanceof Reference reference) || !TYPES.contains(reference.getClassName())) {
      return null;
    }
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    Enumeration<RefAddr> addresses = reference.getAll();
    while (addresses.hasMoreElements()) {
      RefAddr address = addresses.nextElement();
      String key = address.getType();
      String value = address.getContent() == null ? null : address.getContent().toString();
      switch (key) {
        case "url", "jdbcUrl" -> dataSource.setUrl(value);
        case "user", "username" -> dataSource.setUser(value);
        case "password" -> dataSource.setPassword(value);
        case "factory", "type", "auth", "name", "scope", "singleton", "description", "closeMethod" -> {
          // container attributes, not ours
        }
        default -> dataSource.setOption(key, value);
      }
    }
    return dataSource;
  }
}

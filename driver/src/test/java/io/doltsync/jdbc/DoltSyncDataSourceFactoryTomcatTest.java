package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.Test;

/**
 * The JNDI factory given a reference the way Tomcat builds one from
 * {@code <Resource name="jdbc/x" auth="Container" type="javax.sql.DataSource" factory="...DoltSyncDataSourceFactory" .../>}
 * ({@code org.apache.catalina.core.NamingContextListener#addResource}): the reference's class is the resource's
 * {@code type}, and besides the resource's attributes it carries Tomcat's {@code description}, {@code scope},
 * {@code auth} and {@code singleton} addresses.
 */
class DoltSyncDataSourceFactoryTomcatTest {

  private static Reference tomcatStyle(String type) {
    Reference reference = new Reference(type, "org.apache.naming.factory.ResourceFactory", null);
    reference.add(new StringRefAddr("scope", "Shareable"));
    reference.add(new StringRefAddr("auth", "Container"));
    reference.add(new StringRefAddr("singleton", "true"));
    reference.add(new StringRefAddr("factory", DoltSyncDataSourceFactory.class.getName()));
    reference.add(new StringRefAddr("url", "jdbc:h2:mem:jndi"));
    reference.add(new StringRefAddr("user", "sa"));
    reference.add(new StringRefAddr("password", ""));
    reference.add(new StringRefAddr("target", "jdbc:mariadb://127.0.0.1:33307/jndi"));
    return reference;
  }

  @Test
  void buildsTheDataSourceForTypeJavaxSqlDataSource() throws Exception {
    Object built = new DoltSyncDataSourceFactory().getObjectInstance(tomcatStyle("javax.sql.DataSource"), null, null, null);
    assertThat(built).isInstanceOf(DoltSyncDataSource.class);
    DoltSyncDataSource dataSource = (DoltSyncDataSource) built;
    assertThat(dataSource.getUrl()).isEqualTo("jdbc:h2:mem:jndi");
    assertThat(dataSource.getUser()).isEqualTo("sa");
    assertThat(dataSource.getTarget()).isEqualTo("jdbc:mariadb://127.0.0.1:33307/jndi");
  }

  @Test
  void ignoresTomcatsOwnAddressesForTypeDoltSyncDataSource() throws Exception {
    Object built = new DoltSyncDataSourceFactory()
        .getObjectInstance(tomcatStyle(DoltSyncDataSource.class.getName()), null, null, null);
    assertThat(built).isInstanceOf(DoltSyncDataSource.class);
    assertThat(((DoltSyncDataSource) built).getTarget()).isEqualTo("jdbc:mariadb://127.0.0.1:33307/jndi");
  }
}

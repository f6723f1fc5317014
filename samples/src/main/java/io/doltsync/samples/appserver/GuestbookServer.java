package io.doltsync.samples.appserver;

import io.doltsync.jdbc.DoltSyncDataSourceFactory;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;

/**
 * An embedded Tomcat whose web application gets a {@code DoltSyncDataSource} from JNDI, configured by bean
 * properties exactly as a {@code <Resource>} in {@code context.xml} would configure it:
 * <pre>{@code
 * <Resource name="jdbc/guestbook" auth="Container" type="javax.sql.DataSource"
 *           factory="io.doltsync.jdbc.DoltSyncDataSourceFactory"
 *           url="jdbc:h2:./target/guestbook/h2" user="sa" password=""
 *           target="embedded:target/guestbook/dolt"/>
 * }</pre>
 * {@link GuestbookServlet} looks it up at {@code java:comp/env/jdbc/guestbook}.
 *
 * <p>Run it with {@code scripts/sample.sh appserver} (which installs Dolt if needed, builds doltsync and runs this
 * class in the {@code samples} directory), then {@code curl -d name=Ann -d message=Hello localhost:8080/guestbook}
 * and {@code curl localhost:8080/guestbook}.
 */
public final class GuestbookServer {

  private GuestbookServer() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = start(8080, "jdbc:h2:./target/guestbook/h2", "embedded:target/guestbook/dolt");
    System.out.println("Guestbook at http://localhost:" + tomcat.getConnector().getLocalPort() + "/guestbook");
    tomcat.getServer().await();
  }

  /**
   * Starts Tomcat on {@code port} (0: any free port) with the guestbook, whose DataSource mirrors the
   * primary at {@code url} into the Dolt {@code target}.
   */
  public static Tomcat start(int port, String url, String target) throws LifecycleException, IOException {
    String base = Files.createTempDirectory("guestbook-tomcat").toString();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base);
    tomcat.setPort(port);
    tomcat.enableNaming(); // java:comp/env
    Context context = tomcat.addContext("", base);

    ContextResource guestbook = new ContextResource();
    guestbook.setName("jdbc/guestbook");
    guestbook.setAuth("Container");
    guestbook.setType(DataSource.class.getName());
    guestbook.setProperty("factory", DoltSyncDataSourceFactory.class.getName());
    guestbook.setProperty("url", url);
    guestbook.setProperty("user", "sa");
    guestbook.setProperty("password", "");
    guestbook.setProperty("target", target);
    context.getNamingResources().addResource(guestbook);

    Tomcat.addServlet(context, "guestbook", new GuestbookServlet()).setLoadOnStartup(1);
    context.addServletMappingDecoded("/guestbook", "guestbook");
    tomcat.getConnector(); // creates the HTTP connector on that port
    tomcat.start();
    return tomcat;
  }
}

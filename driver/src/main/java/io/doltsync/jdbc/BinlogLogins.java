package io.doltsync.jdbc;

import io.doltsync.internal.capture.binlog.BinlogSource;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The host, port and credentials of a MariaDB/MySQL JDBC URL ({@code jdbc:mariadb://host:port/db?user=…}) and its
 * properties, for binlog capture's replication client. One host only.
 */
final class BinlogLogins {

  private BinlogLogins() {}

  static BinlogSource.Login of(String url, Properties properties) throws SQLException {
    int start = url.indexOf("//");
    if (start < 0) {
      throw new SQLException("doltsync.capture=binlog cannot tell the host of " + url, "08001");
    }
    String rest = url.substring(start + 2);
    int end = rest.length();
    for (char c : new char[] {'/', '?', ','}) {
      int at = rest.indexOf(c);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    String hostPort = rest.substring(0, end);
    int at = hostPort.lastIndexOf('@');
    if (at >= 0) {
      hostPort = hostPort.substring(at + 1);
    }
    String host = hostPort;
    int port = 3306;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      port = Integer.parseInt(hostPort.substring(colon + 1));
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String user = properties.getProperty("user");
    String password = properties.getProperty("password");
    int query = rest.indexOf('?');
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = pair.substring(0, eq);
        String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (key.equals("user") && user == null) {
          user = value;
        } else if (key.equals("password") && password == null) {
          password = value;
        }
      }
    }
    return new BinlogSource.Login(host, port, user == null ? "" : user, password == null ? "" : password);
  }
}

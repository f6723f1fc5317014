package io.doltsync.samples.appserver;

import io.doltsync.DoltSyncConnection;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * A guestbook servlet using the container's {@code java:comp/env/jdbc/guestbook} DataSource as any servlet
 * would. {@code POST /guestbook} (name, message) signs it, as one Dolt commit by the signer;
 * {@code GET /guestbook} shows the entries and, through the same DataSource, Dolt's log.
 */
public class GuestbookServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private transient DataSource guestbook;

  @Override
  public void init() throws ServletException {
    try {
      guestbook = (DataSource) new InitialContext().lookup("java:comp/env/jdbc/guestbook");
      try (Connection connection = guestbook.getConnection(); Statement sql = connection.createStatement()) {
        sql.execute("CREATE TABLE IF NOT EXISTS entry (id INT AUTO_INCREMENT PRIMARY KEY,"
            + " name VARCHAR(60) NOT NULL, message VARCHAR(500) NOT NULL)");
      }
    } catch (NamingException | SQLException e) {
      throw new ServletException("cannot set up the guestbook", e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    String name = request.getParameter("name");
    String message = request.getParameter("message");
    if (name == null || name.isBlank() || message == null || message.isBlank()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "name and message, please");
      return;
    }
    try (Connection connection = guestbook.getConnection()) {
      connection.setAutoCommit(false);
      DoltSyncConnection doltsync = connection.unwrap(DoltSyncConnection.class);
      doltsync.setCommitAuthor(name, name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@guestbook.example");
      doltsync.setCommitMessage("Sign the guestbook");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO entry (name, message) VALUES (?, ?)")) {
        insert.setString(1, name);
        insert.setString(2, message);
        insert.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      throw new ServletException("cannot sign the guestbook", e);
    }
    response.sendRedirect(request.getRequestURI());
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    response.setContentType("text/plain;charset=UTF-8");
    PrintWriter out = response.getWriter();
    try (Connection connection = guestbook.getConnection(); Statement sql = connection.createStatement()) {
      out.println("Guestbook");
      try (ResultSet entries = sql.executeQuery("SELECT name, message FROM entry ORDER BY id")) {
        while (entries.next()) {
          out.printf("  %s: %s%n", entries.getString("name"), entries.getString("message"));
        }
      }
      out.println("Dolt log");
      try (ResultSet log = sql.executeQuery("SELECT committer, message FROM dolt_log ORDER BY commit_order")) {
        while (log.next()) {
          out.printf("  %s: %s%n", log.getString("committer"), log.getString("message").lines().findFirst().orElse(""));
        }
      }
    } catch (SQLException e) {
      throw new ServletException("cannot read the guestbook", e);
    }
  }
}

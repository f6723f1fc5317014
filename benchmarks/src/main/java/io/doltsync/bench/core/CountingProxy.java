package io.doltsync.bench.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a database server that counts, over every connection it carries, the
 * client's requests as the wire shows them: round trips (a burst of client bytes after the server last
 * spoke; pipelined statements are one) and commands (MySQL-protocol {@code COM_QUERY}/{@code COM_STMT_EXECUTE}
 * packets; PostgreSQL {@code Query} and {@code Execute} messages) and, on PostgreSQL, the texts parsed ({@code Parse}
 * messages: a statement pgjdbc has prepared on the server runs without one). A measuring tool for the benchmarks: it
 * sees what any driver sends, with no hook in the driver.
 */
public final class CountingProxy implements AutoCloseable {

  /** The wire protocol, which decides how commands are counted. */
  public enum Protocol { MYSQL, POSTGRESQL }

  private final ServerSocket listener;
  private final String targetHost;
  private final int targetPort;
  private final Protocol protocol;
  private final AtomicLong roundTrips = new AtomicLong();
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong parses = new AtomicLong();
  private final AtomicLong clientBytes = new AtomicLong();
  private final AtomicLong serverBytes = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;
  /** Receives the start of every MySQL-protocol text command or PostgreSQL text parsed, when set. */
  private volatile java.util.function.Consumer<String> queryListener;

  public CountingProxy(String targetHost, int targetPort, Protocol protocol) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.protocol = protocol;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::accept, "counting-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Round trips so far, over every connection. */
  public long roundTrips() {
    return roundTrips.get();
  }

  /**
   * Hands the first bytes (up to 80, those in the same read) of every MySQL-protocol {@code COM_QUERY}, or of every
   * PostgreSQL {@code Query} or {@code Parse} message's text, to {@code listener} on the proxy's thread
   * ({@code null}: none); for telling statement kinds apart.
   */
  public void onQuery(java.util.function.Consumer<String> listener) {
    this.queryListener = listener;
  }

  /** Statement commands so far, over every connection. */
  public long commands() {
    return commands.get();
  }

  /** PostgreSQL texts parsed so far ({@code Query} and {@code Parse} messages), over every connection. */
  public long parses() {
    return parses.get();
  }

  /** Bytes the clients sent so far, over every connection. */
  public long clientBytes() {
    return clientBytes.get();
  }

  /** Bytes the server sent back so far, over every connection. */
  public long serverBytes() {
    return serverBytes.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(targetHost, targetPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        Link link = new Link();
        start(() -> pump(client, server, link, true));
        start(() -> pump(server, client, link, false));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("[proxy] " + e);
        }
      }
    }
  }

  private static void start(Runnable runnable) {
    Thread thread = new Thread(runnable, "counting-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  /** One proxied connection's state: who spoke last, and the client stream's parser. */
  private final class Link {
    private boolean clientSpokeLast;
    private final CommandParser parser = protocol == Protocol.MYSQL ? new MySqlParser() : new PostgresParser();

    synchronized void clientBytes(byte[] bytes, int length) {
      if (!clientSpokeLast) {
        roundTrips.incrementAndGet();
        clientSpokeLast = true;
      }
      clientBytes.addAndGet(length);
      commands.addAndGet(parser.feed(bytes, length));
    }

    synchronized void serverBytes(int length) {
      serverBytes.addAndGet(length);
      clientSpokeLast = false;
    }
  }

  private void pump(Socket from, Socket to, Link link, boolean fromClient) {
    byte[] buffer = new byte[65536];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (fromClient) {
          link.clientBytes(buffer, n);
        } else {
          link.serverBytes(n);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // the other side closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** Counts commands in a client byte stream fed in arbitrary pieces. */
  private interface CommandParser {
    int feed(byte[] bytes, int length);
  }

  /** MySQL packets: 3-byte length, sequence id, payload; a command is the first byte of a sequence-0 packet. */
  private final class MySqlParser implements CommandParser {
    private final byte[] header = new byte[5];
    private int headerRead;
    private long bodyLeft;

    @Override
    public int feed(byte[] bytes, int length) {
      int count = 0;
      int i = 0;
      while (i < length) {
        if (bodyLeft > 0) {
          int skip = (int) Math.min(bodyLeft, length - i);
          bodyLeft -= skip;
          i += skip;
          continue;
        }
        header[headerRead++] = bytes[i++];
        if (headerRead == 5) {
          long packetLength = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
          int command = header[4] & 0xff;
          if (header[3] == 0 && (command == 0x03 || command == 0x17)) {
            count++;
            java.util.function.Consumer<String> listener = queryListener;
            if (listener != null && command == 0x03) {
              int end = (int) Math.min(length, i + Math.min(80, packetLength - 1));
              listener.accept(new String(bytes, i, end - i, java.nio.charset.StandardCharsets.UTF_8));
            }
          }
          bodyLeft = packetLength - 1;
          headerRead = 0;
        }
      }
      return count;
    }
  }

  /** PostgreSQL frontend messages: untyped start-up messages, then type byte and 4-byte length. */
  private final class PostgresParser implements CommandParser {
    private boolean startup = true;
    private final byte[] header = new byte[8];
    private int headerRead;
    private long bodyLeft;

    @Override
    public int feed(byte[] bytes, int length) {
      int count = 0;
      int i = 0;
      while (i < length) {
        if (bodyLeft > 0) {
          int skip = (int) Math.min(bodyLeft, length - i);
          bodyLeft -= skip;
          i += skip;
          continue;
        }
        header[headerRead++] = bytes[i++];
        if (startup && headerRead == 8) {
          int messageLength = readInt(header, 0);
          int code = readInt(header, 4);
          startup = code == 80877103 || code == 80877104; // SSL or GSS encryption request: start-up follows
          bodyLeft = messageLength - 8;
          headerRead = 0;
        } else if (!startup && headerRead == 5) {
          char type = (char) header[0];
          if (type == 'Q' || type == 'E') {
            count++;
          }
          if (type == 'Q' || type == 'P') {
            parses.incrementAndGet();
            report(bytes, i, length, type == 'P');
          }
          bodyLeft = readInt(header, 1) - 4;
          headerRead = 0;
        }
      }
      return count;
    }

    /** The text of a Query (from {@code at}) or Parse message (after its statement name), as far as one read has it. */
    private void report(byte[] bytes, int at, int length, boolean named) {
      java.util.function.Consumer<String> listener = queryListener;
      if (listener == null) {
        return;
      }
      int start = at;
      if (named) {
        while (start < length && bytes[start] != 0) {
          start++;
        }
        start++;
      }
      int end = start;
      while (end < length && end - start < 80 && bytes[end] != 0) {
        end++;
      }
      if (start < end) {
        listener.accept(new String(bytes, start, end - start, java.nio.charset.StandardCharsets.UTF_8));
      }
    }

    private static int readInt(byte[] b, int at) {
      return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
  }
}

package io.doltsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.config.WrappedUrl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.Function;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;

/**
 * Secrets an application puts in its JDBC URL never show, through the public API: generated secrets (with
 * {@code / @ : ! $ * ( ) ' ~} and quotes among letters) in every place a URL holds one, a password parameter
 * of any spelling, {@code //user:password@host}, Oracle's {@code user/password@} (quoted too), H2's
 * {@code ;PASSWORD=}, {@code doltsync.journalSecret}/{@code doltsync.targetPassword}, and a Dolt target URL
 * with a password of its own, URL-encoded inside the doltsync URL. For each, the connection error (its whole
 * chain: some drivers print the part of the URL they could not parse, password included),
 * {@code DoltSyncDataSource.toString()}, its JNDI {@code Reference} as printed, and the parsed URL as doltsync
 * logs it, show none of the secret. {@code -Ddoltsync.test.secrets=N} generates N secrets per shape (default 6).
 */
class SecretsInUrlsTest {

  private static final int SECRETS = Integer.getInteger("doltsync.test.secrets", 6);
  private static final long SEED = Long.getLong("doltsync.test.seed", 8L);
  private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String PUNCTUATION = "/@:!$*()'~-_.";

  private int counter;

  /** A URL shape: given a secret, the URL that holds it. */
  private record Shape(String name, String extraCharacters, Function<String, String> url) {}

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<Shape> shapes() {
    String maria = "jdbc:doltsync:mariadb://127.0.0.1:1/x";
    String target = "&doltsync.target=jdbc:mariadb://127.0.0.1:1/d";
    List<Shape> shapes = new ArrayList<>();
    for (String key : List.of("password", "PASSWORD", "Password", "pwd", "sslPassword", "trustStorePassword",
        "keyStorePassword")) {
      shapes.add(new Shape("mariadb ?" + key + "=", PUNCTUATION + "&;?=#% ",
          s -> maria + "?user=u&" + key + "=" + enc(s) + target));
      shapes.add(new Shape("postgresql ?" + key + "=", PUNCTUATION + "&;?=#% ",
          s -> "jdbc:doltsync:postgresql://127.0.0.1:1/x?user=u&" + key + "=" + enc(s) + target));
    }
    for (String option : List.of("doltsync.journalSecret", "doltsync.targetPassword", "DOLTSYNC.JOURNALSECRET")) {
      shapes.add(new Shape("mariadb ?" + option + "=", PUNCTUATION + "&;?=#% ",
          s -> maria + "?user=u&" + option + "=" + enc(s) + target));
      shapes.add(new Shape("h2 ;" + option + "=", PUNCTUATION + "?=#&",
          s -> "jdbc:doltsync:h2:mem:secrets;" + option + "=" + s + ";doltsync.target=bogus"));
    }
    shapes.add(new Shape("h2 ;PASSWORD=", PUNCTUATION + "?=#&",
        s -> "jdbc:doltsync:h2:mem:secrets;PASSWORD=" + s + ";doltsync.target=bogus"));
    shapes.add(new Shape("mariadb //user:password@", PUNCTUATION, s -> "jdbc:doltsync:mariadb://u:" + s + "@127.0.0.1:1/x"));
    shapes.add(new Shape("postgresql //user:password@", PUNCTUATION,
        s -> "jdbc:doltsync:postgresql://u:" + s + "@127.0.0.1:1/x?doltsync.target=bogus"));
    shapes.add(new Shape("oracle user/password@", "!$*()~-_.",
        s -> "jdbc:doltsync:oracle:thin:scott/" + s + "@//127.0.0.1:1/x"));
    shapes.add(new Shape("oracle user/\"password\"@", PUNCTUATION,
        s -> "jdbc:doltsync:oracle:thin:scott/\"" + s + "\"@//127.0.0.1:1/x"));
    shapes.add(new Shape("target ?password= (encoded)", PUNCTUATION + "&;?=#% ",
        s -> maria + "?doltsync.target=" + enc("jdbc:mariadb://127.0.0.1:1/d?user=root&password=" + enc(s))));
    shapes.add(new Shape("target //user:password@ (encoded)", PUNCTUATION,
        s -> maria + "?doltsync.target=" + enc("jdbc:mysql://root:" + s + "@127.0.0.1:1/d")));
    return shapes;
  }

  @Test
  void noSecretOfAnyUrlShapeShowsInErrorsDataSourcesOrReferences() throws Exception {
    Random random = new Random(SEED);
    List<String> leaks = new ArrayList<>();
    int urls = 0;
    for (Shape shape : shapes()) {
      for (int i = 0; i < SECRETS; i++) {
        String marker = "Mk" + (counter++) + "Zq";
        String secret = noise(random, shape.extraCharacters()) + marker + noise(random, shape.extraCharacters());
        String url = shape.url().apply(secret);
        urls++;
        try (Connection connection = DriverManager.getConnection(url, new Properties())) {
          leaks.add(shape.name() + ": connected, expected a failure: " + url);
        } catch (Exception e) {
          check(leaks, shape, "connection error", stackTrace(e), marker);
        }
        DoltSyncDataSource dataSource = new DoltSyncDataSource();
        dataSource.setUrl(url);
        check(leaks, shape, "DataSource.toString()", dataSource.toString(), marker);
        Reference reference = dataSource.getReference();
        check(leaks, shape, "Reference.toString()", reference.toString(), marker);
        try {
          check(leaks, shape, "WrappedUrl.toString()", WrappedUrl.parse(url).toString(), marker);
        } catch (Exception e) {
          check(leaks, shape, "parse error", stackTrace(e), marker);
        }
      }
    }
    assertThat(urls).isGreaterThanOrEqualTo(shapes().size() * SECRETS);
    assertThat(leaks).as("secrets shown, seed " + SEED).isEmpty();
  }

  @Test
  void aReferenceStillCarriesTheSecretsToItsFactory() throws Exception {
    String url = "jdbc:doltsync:h2:mem:ref;doltsync.journalSecret=Mk/@Zq;doltsync.target=bogus";
    DoltSyncDataSource dataSource = new DoltSyncDataSource();
    dataSource.setUrl(url);
    Reference reference = dataSource.getReference();
    assertThat(reference.get("url").getContent()).isEqualTo(url);
    assertThat(reference.toString()).doesNotContain("Mk/@Zq");
  }

  private static void check(List<String> leaks, Shape shape, String where, String text, String marker) {
    if (text.contains(marker)) {
      int at = text.indexOf(marker);
      leaks.add(shape.name() + ", " + where + ": ..." + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 40))
          .replace('\n', ' '));
    }
  }

  private static String noise(Random random, String extra) {
    String alphabet = PLAIN + extra;
    StringBuilder noise = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return noise.toString();
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}

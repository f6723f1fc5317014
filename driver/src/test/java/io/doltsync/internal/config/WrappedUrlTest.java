package io.doltsync.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting {@code jdbc:doltsync:} URLs into the real URL and doltsync's parameters, and redacting them. */
class WrappedUrlTest {

  private static final String SECRET = "Pa55-w0rd-never-printed";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // query style: doltsync parameters first, in the middle, last, alone
      "jdbc:doltsync:mariadb://h:3306/db?doltsync.branch=b&useSsl=false&user=u | jdbc:mariadb://h:3306/db?useSsl=false&user=u",
      "jdbc:doltsync:mariadb://h:3306/db?useSsl=false&doltsync.branch=b&user=u | jdbc:mariadb://h:3306/db?useSsl=false&user=u",
      "jdbc:doltsync:mariadb://h:3306/db?useSsl=false&user=u&doltsync.branch=b | jdbc:mariadb://h:3306/db?useSsl=false&user=u",
      "jdbc:doltsync:mariadb://h:3306/db?doltsync.branch=b | jdbc:mariadb://h:3306/db",
      "jdbc:doltsync:postgresql://h/db?doltsync.branch=b&currentSchema=s&doltsync.mode=sync | jdbc:postgresql://h/db?currentSchema=s",
      // H2 style: ;key=value segments
      "jdbc:doltsync:h2:mem:x;DB_CLOSE_DELAY=-1;doltsync.branch=b;MODE=MySQL | jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;MODE=MySQL",
      "jdbc:doltsync:h2:mem:x;doltsync.branch=b | jdbc:h2:mem:x",
      "jdbc:doltsync:h2:./data/x;doltsync.branch=b;doltsync.mode=sync;AUTO_SERVER=TRUE | jdbc:h2:./data/x;AUTO_SERVER=TRUE",
      // the prefix is matched case-insensitively, the rest kept as written
      "JDBC:DOLTSYNC:mariadb://h/Db?UseSsl=False&DOLTSYNC.BRANCH=b | jdbc:mariadb://h/Db?UseSsl=False",
  })
  void realUrlIsTheWrappedUrlWithoutDoltSyncParameters(String url, String realUrl) throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse(url);
    assertThat(wrapped.realUrl()).isEqualTo(realUrl);
    assertThat(wrapped.parameters().keySet()).allSatisfy(key -> assertThat(key).startsWithIgnoringCase("doltsync."));
    assertThat(wrapped.parameters()).isNotEmpty().containsValue("b");
  }

  @Test
  void realUrlWithoutParametersIsUnchanged() throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse("jdbc:doltsync:postgresql://h:5432/db");
    assertThat(wrapped.realUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    assertThat(wrapped.parameters()).isEmpty();
  }

  @Test
  void queryValuesAreUrlDecoded() throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse("jdbc:doltsync:mariadb://h/db?ssl=true"
        + "&doltsync.target=jdbc%3Amariadb%3A%2F%2Fdolt%3A3307%2Fmirror%3FuseSsl%3Dfalse%26connectTimeout%3D5"
        + "&doltsync.author=Ada%20Lovelace%20%3Cada%40example.com%3E&doltsync.targetPassword=p%40ss%26w%3Drd");
    assertThat(wrapped.realUrl()).isEqualTo("jdbc:mariadb://h/db?ssl=true");
    assertThat(wrapped.parameters()).containsOnly(
        entry("doltsync.target", "jdbc:mariadb://dolt:3307/mirror?useSsl=false&connectTimeout=5"),
        entry("doltsync.author", "Ada Lovelace <ada@example.com>"),
        entry("doltsync.targetPassword", "p@ss&w=rd"));
  }

  @Test
  void semicolonValuesAreTakenAsWritten() throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse(
        "jdbc:doltsync:h2:mem:x;DB_CLOSE_DELAY=-1;doltsync.target=jdbc:mariadb://127.0.0.1:33307/mirror;doltsync.author=A%20B");
    assertThat(wrapped.realUrl()).isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
    assertThat(wrapped.parameters()).containsOnly(
        entry("doltsync.target", "jdbc:mariadb://127.0.0.1:33307/mirror"), entry("doltsync.author", "A%20B"));
  }

  /** An H2 URL whose Dolt target has a query string of its own: the '?' belongs to the target's value. */
  @Test
  void semicolonTargetMayCarryAQueryString() throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse(
        "jdbc:doltsync:h2:mem:x;DB_CLOSE_DELAY=-1;doltsync.target=jdbc:mariadb://127.0.0.1:33307/mirror?useSsl=false&connectTimeout=5");
    assertThat(wrapped.realUrl()).isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
    assertThat(wrapped.parameters())
        .containsOnly(entry("doltsync.target", "jdbc:mariadb://127.0.0.1:33307/mirror?useSsl=false&connectTimeout=5"));
  }

  @Test
  void aParameterWithoutValueIsEmpty() throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse("jdbc:doltsync:mariadb://h/db?doltsync.exclude&a=1");
    assertThat(wrapped.realUrl()).isEqualTo("jdbc:mariadb://h/db?a=1");
    assertThat(wrapped.parameters()).containsOnly(entry("doltsync.exclude", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:doltsync:", "jdbc:mariadb://h/db", "doltsync:h2:mem:x", "jdbc:doltsync"})
  void acceptsOnlyDoltSyncUrlsThatWrapSomething(String url) {
    assertThat(WrappedUrl.accepts(url)).isFalse();
    assertThatThrownBy(() -> WrappedUrl.parse(url)).isInstanceOf(SQLException.class)
        .hasMessageContaining("jdbc:doltsync:")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }

  @Test
  void acceptsNull() {
    assertThat(WrappedUrl.accepts(null)).isFalse();
  }

  @Test
  void cannotWrapItself() {
    assertThatThrownBy(() -> WrappedUrl.parse("jdbc:doltsync:doltsync:h2:mem:x"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("cannot wrap another doltsync URL")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }

  @Test
  void malformedPercentEncodingIsAnSqlExceptionNamingTheOption() {
    assertThatThrownBy(() -> WrappedUrl.parse("jdbc:doltsync:mariadb://h/db?doltsync.author=100%25%zz"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("doltsync.author")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }

  @Test
  void malformedPercentEncodingOfAPasswordDoesNotPrintIt() {
    assertThatThrownBy(() -> WrappedUrl.parse("jdbc:doltsync:mariadb://h/db?doltsync.targetPassword=" + SECRET + "%"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("doltsync.targetPassword")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:mariadb://user:" + SECRET + "@h:3306/db",
      "jdbc:mariadb://h:3306/db?user=u&password=" + SECRET + "&useSsl=false",
      "jdbc:postgresql://h/db?PASSWORD=" + SECRET,
      "jdbc:h2:mem:x;USER=sa;PASSWORD=" + SECRET + ";MODE=MySQL",
      "jdbc:sqlserver://h;user=u;pwd=" + SECRET,
      "jdbc:doltsync:mariadb://h/db?doltsync.targetPassword=" + SECRET + "&a=b",
      "jdbc:doltsync:h2:mem:x;doltsync.targetPassword=" + SECRET,
      "jdbc:oracle:thin:scott/" + SECRET + "@//db:1521/ORCL",
      "jdbc:oracle:thin:scott/" + SECRET + "@db:1521:ORCL",
      "jdbc:doltsync:oracle:thin:scott/" + SECRET + "@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))",
      "jdbc:oracle:oci:scott/" + SECRET + "@ORCL",
  })
  void redactionNeverPrintsPasswords(String url) throws SQLException {
    assertThat(WrappedUrl.redact(url)).doesNotContain(SECRET).contains("***");
  }

  @Test
  void oracleRedactionKeepsTheUserAndTheAddress() {
    assertThat(WrappedUrl.redact("jdbc:oracle:thin:scott/" + SECRET + "@//db:1521/ORCL"))
        .isEqualTo("jdbc:oracle:thin:scott/***@//db:1521/ORCL");
    assertThat(WrappedUrl.redact("jdbc:oracle:thin:@//db:1521/ORCL")).isEqualTo("jdbc:oracle:thin:@//db:1521/ORCL");
  }

  @Test
  void redactionKeepsTheRestReadable() {
    assertThat(WrappedUrl.redact("jdbc:mariadb://h:3306/db?user=u&password=" + SECRET + "&useSsl=false"))
        .isEqualTo("jdbc:mariadb://h:3306/db?user=u&password=***&useSsl=false");
  }

  @Test
  void toStringNeverPrintsPasswords() throws SQLException {
    WrappedUrl wrapped = WrappedUrl.parse("jdbc:doltsync:mariadb://u:" + SECRET + "@h/db?password=" + SECRET
        + "&doltsync.targetPassword=" + SECRET + "&doltsync.target=jdbc%3Amariadb%3A%2F%2Fh%2Fd%3Fpassword%3D" + SECRET);
    assertThat(wrapped.toString()).doesNotContain(SECRET).contains("doltsync.targetPassword");
  }
}

package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.SourceDialect;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dialects registered in {@code META-INF/services} and how a primary's URL selects one. */
class SourceDialectsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:mysql://db:3306/shop|MySqlDialect|mysql",
      "jdbc:mysql:replication://a,b/shop|MySqlDialect|mysql",
      "jdbc:mariadb://db:3306/shop|MariaDbDialect|mariadb",
      "jdbc:postgresql://db/shop?user=app|PostgreSqlDialect|postgresql",
      "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1|H2Dialect|h2",
      "jdbc:h2:file:/tmp/shop;MODE=MySQL|H2Dialect|h2",
      "jdbc:h2:mem:shop;MODE=Oracle|H2OracleModeDialect|oracle",
      "jdbc:h2:tcp://host/shop;DB_CLOSE_DELAY=-1; mode = oracle |H2OracleModeDialect|oracle",
      "jdbc:oracle:thin:@//db:1521/shop|OracleDialect|oracle"})
  void findsTheDialectForEachSupportedUrl(String url, String dialectClass, String name) throws SQLException {
    SourceDialect dialect = SourceDialects.forUrl(url);

    assertThat(dialect.getClass().getSimpleName()).isEqualTo(dialectClass);
    assertThat(dialect.name()).isEqualTo(name);
    assertThat(SourceDialects.sqlDialect(dialect).name()).isEqualToIgnoringCase(name);
    assertThat(dialect.lexicalRules()).isEqualTo(SourceDialects.sqlDialect(dialect).rules());
  }

  @Test
  void namesTheSchemeButNotTheRestOfAnUnsupportedUrl() {
    assertThatThrownBy(() -> SourceDialects.forUrl("jdbc:sqlserver://db;user=sa;password=secret"))
        .isInstanceOf(SQLFeatureNotSupportedException.class)
        .hasMessageContaining("jdbc:sqlserver:")
        .hasMessageContaining("mysql, mariadb, postgresql, h2, oracle")
        .hasMessageNotContaining("secret")
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("0A000");
    assertThatThrownBy(() -> SourceDialects.forUrl("not a url")).hasMessageContaining("non-JDBC");
  }

  @Test
  void sqlFragmentsDifferWhereTheDatabasesDo() {
    assertThat(new MySqlDialect().quoteIdentifier("a`b")).isEqualTo("`a``b`");
    assertThat(new PostgreSqlDialect().quoteIdentifier("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(new OracleDialect().quoteIdentifier("ORDERS")).isEqualTo("\"ORDERS\"");
    assertThat(new PostgreSqlDialect().ddlCommitsImplicitly()).isFalse();
    assertThat(new MariaDbDialect().ddlCommitsImplicitly()).isTrue();
    assertThat(new H2Dialect().ddlCommitsImplicitly()).isTrue();
    assertThat(new OracleDialect().ddlCommitsImplicitly()).isTrue();
  }
}

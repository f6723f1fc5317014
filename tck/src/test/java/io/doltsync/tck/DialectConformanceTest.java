package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.doltsync.internal.dialect.SourceDialects;
import io.doltsync.spi.SourceDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server-less conformance checks pass on doltsync's own dialects, and fail when a dialect's quoting or
 * rules are broken (so a pass means something).
 */
class DialectConformanceTest {

  @ParameterizedTest
  @ValueSource(strings = {"jdbc:mariadb://h/d", "jdbc:mysql://h/d", "jdbc:postgresql://h/d", "jdbc:h2:mem:x",
      "jdbc:oracle:thin:@//h:1521/x"})
  void theBundledDialectsConform(String url) throws Exception {
    SourceDialect dialect = SourceDialects.forUrl(url);
    DialectConformance conformance = new DialectConformance(dialect);
    assertThat(conformance.quotedIdentifierProblems(1, 500)).isEmpty();
    assertThat(conformance.hiddenDoltNameProblems(2, 500)).isEmpty();
    assertThat(conformance.journalTableProblems("doltsync_journal")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aDialectWhoseQuotingDisagreesWithItsRulesFails() throws Exception {
    SourceDialect brackets = new io.doltsync.internal.dialect.PostgreSqlDialect() {
      @Override
      public String quoteIdentifier(String identifier) {
        return "[" + identifier + "]"; // brackets, which PostgreSQL's rules do not read as quotes
      }
    };
    assertThat(new DialectConformance(brackets).quotedIdentifierProblems(1, 50)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"varchar(0)", "varchar(16384)", "char(256)", "decimal(66,2)", "decimal(10,31)", "decimal(5,6)",
      "datetime(7)", "text(10)", "nvarchar(10)", "double unsigned", "money", "int identity"})
  void refusesWhatDoltDoesNotAccept(String type) {
    assertThat(DialectConformance.doltColumnTypeProblem(type)).as(type).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"varchar(16383)", "char(255)", "decimal(65,30)", "decimal(10, 2)", "datetime(6)", "time",
      "tinyint unsigned", "tinyint(1)", "longtext", "varbinary(8000)", "json", "bit(64)"})
  void acceptsDoltTypes(String type) {
    assertThat(DialectConformance.doltColumnTypeProblem(type)).as(type).isNull();
  }
}

package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

/** Shorthands for the analyzer tests. */
final class AnalyzerTestSupport {

  private AnalyzerTestSupport() {
  }

  static WriteAnalysis analyze(SqlDialect dialect, String sql) {
    return new WriteAnalyzer(dialect).analyze(sql);
  }

  /** The single table write of an analysed statement. */
  static TableWrite onlyWrite(WriteAnalysis analysis) {
    assertThat(analysis.status()).isEqualTo(WriteAnalysis.Status.ANALYZED);
    assertThat(analysis.tableWrites()).hasSize(1);
    return analysis.tableWrites().get(0);
  }

  static ValueSource literal(Object value) {
    return ValueSource.literal(value);
  }

  static ValueSource parameter(int index) {
    return ValueSource.parameter(index);
  }

  static ValueSource expression() {
    return ValueSource.expression();
  }
}

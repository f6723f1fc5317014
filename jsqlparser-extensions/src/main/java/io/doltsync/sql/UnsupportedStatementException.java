package io.doltsync.sql;

/**
 * A parsed statement whose writes cannot be told exactly (an ambiguous column in a multi-table UPDATE, a
 * data-modifying CTE, DROP INDEX without its table ...). The analysis then reports
 * {@link WriteAnalysis.Status#UNPARSEABLE}.
 */
final class UnsupportedStatementException extends RuntimeException {

  UnsupportedStatementException(String reason) {
    super(reason, null, false, false);
  }
}

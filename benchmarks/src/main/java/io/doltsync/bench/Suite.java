package io.doltsync.bench;

import io.doltsync.bench.core.Report;

/** A group of related measurements; adds its rows (and notes) to the report. */
public interface Suite {

  /** The name used by {@code --suites} and in the summary. */
  String name();

  void run(Report report) throws Exception;
}

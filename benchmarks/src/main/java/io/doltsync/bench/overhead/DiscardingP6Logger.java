package io.doltsync.bench.overhead;

import com.p6spy.engine.logging.Category;
import com.p6spy.engine.spy.appender.P6Logger;

/**
 * A p6spy appender that accepts every category and writes nowhere: p6spy does all its per-statement work
 * (timing, building the logged SQL with its values) except the I/O, as with a log that goes to a fast sink.
 */
public final class DiscardingP6Logger implements P6Logger {

  @Override
  public void logSQL(int connectionId, String now, long elapsed, Category category, String prepared, String sql,
      String url) {
    // discarded
  }

  @Override
  public void logException(Exception e) {
    // discarded
  }

  @Override
  public void logText(String text) {
    // discarded
  }

  @Override
  public boolean isCategoryEnabled(Category category) {
    return true;
  }
}

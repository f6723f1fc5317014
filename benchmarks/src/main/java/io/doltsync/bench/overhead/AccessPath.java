package io.doltsync.bench.overhead;

import io.doltsync.bench.core.Urls;

/** How the application reaches the database: straight through its driver, or through a wrapping driver. */
public enum AccessPath {

  /** The database's own driver. The baseline. */
  RAW("raw"),
  /** p6spy 3.9.1, its log output discarded (see {@code spy.properties} and {@link DiscardingP6Logger}). */
  P6SPY("p6spy (log discarded)"),
  /** doltsync with {@code doltsync.enabled=false}: the pure pass-through wrapper. */
  DOLTSYNC_OFF("doltsync enabled=false");

  private final String label;

  AccessPath(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The URL the application would use on this path for the database at {@code realUrl}. */
  public String url(String realUrl) {
    return switch (this) {
      case RAW -> realUrl;
      case P6SPY -> Urls.p6spy(realUrl);
      case DOLTSYNC_OFF -> Urls.doltsync(Urls.withParameter(realUrl, "doltsync.enabled", "false"));
    };
  }
}

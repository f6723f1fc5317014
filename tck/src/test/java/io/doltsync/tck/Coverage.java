package io.doltsync.tck;

import java.util.ArrayList;
import java.util.List;

/** Guards the oracle itself: a run proves nothing about a statement kind that never succeeded. */
final class Coverage {

  private Coverage() {}

  /** One violation per kind the generator offers that no statement of the run executed successfully. */
  static List<String> missing(List<OpKind> kinds, WorkloadStats stats) {
    List<String> missing = new ArrayList<>();
    for (OpKind kind : kinds) {
      if (stats.successes(kind) == 0) {
        missing.add("the workload never ran a " + kind + " statement successfully (" + kind.description()
            + "): the run is too short or the generator broken");
      }
    }
    return missing;
  }
}

package io.doltsync.tck;

import java.util.List;

/**
 * One generated hostile input: what it is, the one outcome it must have, the tables whose content is compared,
 * how its tables are prepared (through doltsync, mirrored before the attack) and the attack itself.
 *
 * @param kind     the class of bad input (one generator per class)
 * @param text     what the case does, for failure messages
 * @param expected the outcome asserted
 * @param tables   the tables compared between the primary and Dolt (unquoted names)
 * @param setup    statements run through doltsync before the attack, then awaited in Dolt
 * @param attack   the hostile input
 */
public record HostileCase(String kind, String text, HostileOutcome expected, List<String> tables, List<String> setup,
    Attack attack) {

  public HostileCase {
    tables = List.copyOf(tables);
    setup = List.copyOf(setup);
  }

  /** The hostile input, run against the world of a {@link HostileInputTck} run. */
  @FunctionalInterface
  public interface Attack {
    void run(HostileWorld world) throws Exception;
  }
}

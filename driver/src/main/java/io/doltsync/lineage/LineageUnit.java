package io.doltsync.lineage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The unit of work a lineage scope records: a step of one run of a flow, with free-form tags, optionally
 * pinned to one Dolt commit (every read of the scope then reads {@code AS OF} that commit).
 *
 * @param flow         the flow (job, pipeline) name
 * @param runId        the id of this run of the flow
 * @param step         the step of the run
 * @param tags         free-form tags stored with every record (insertion order kept)
 * @param pinnedCommit a Dolt commit (hash, branch, tag or any revision Dolt resolves) all reads are made
 *                     {@code AS OF}, or {@code null}
 */
public record LineageUnit(String flow, String runId, String step, Map<String, String> tags, String pinnedCommit) {

  /** Longest flow, run id and step (characters). */
  public static final int MAX_NAME_LENGTH = 128;

  public LineageUnit {
    check("flow", flow);
    check("run id", runId);
    check("step", step);
    tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    if (pinnedCommit != null && pinnedCommit.isBlank()) {
      throw new IllegalArgumentException("a pinned commit must not be blank");
    }
  }

  /** A step of a run, without tags or pinning. */
  public static LineageUnit of(String flow, String runId, String step) {
    return new LineageUnit(flow, runId, step, Map.of(), null);
  }

  /** This unit with {@code tags} (replacing any it has). */
  public LineageUnit withTags(Map<String, String> tags) {
    return new LineageUnit(flow, runId, step, tags, pinnedCommit);
  }

  /** This unit with one more tag. */
  public LineageUnit withTag(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(tags);
    more.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new LineageUnit(flow, runId, step, more, pinnedCommit);
  }

  /** This unit reading every table {@code AS OF} {@code commit}. */
  public LineageUnit pinnedTo(String commit) {
    return new LineageUnit(flow, runId, step, tags, Objects.requireNonNull(commit, "commit"));
  }

  private static void check(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a lineage " + what + " must not be blank");
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("a lineage " + what + " is at most " + MAX_NAME_LENGTH
          + " characters long: " + value.substring(0, 40) + "...");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException("a lineage " + what + " must not hold control characters: "
            + value.replaceAll("\\p{Cntrl}", "?"));
      }
    }
  }
}

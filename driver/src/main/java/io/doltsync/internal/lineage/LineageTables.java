package io.doltsync.internal.lineage;

import io.doltsync.internal.journal.TableChange;
import io.doltsync.lineage.LineageRecord;
import io.doltsync.lineage.LineageUnit;
import io.doltsync.spi.ColumnSchema;
import io.doltsync.spi.TableSchema;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two Dolt tables lineage is kept in, written through the journal (so they are committed with the
 * history, in order with the data), never on the primary:
 * <ul>
 *   <li>{@code _doltsync_lineage}: one row per table a step read or wrote at a Dolt commit;</li>
 *   <li>{@code _doltsync_lineage_runs}: one row per scope (flow, run, step) with its state
 *       ({@code running}, {@code completed}, {@code failed}), so a scope a crashed job left open is found.</li>
 * </ul>
 * Times are ISO-8601 UTC text; tags are {@code application/x-www-form-urlencoded} text ({@code k=v&k2=v2}).
 * The names start with an underscore because Dolt refuses every table name that starts with {@code dolt}
 * (issue 12 asked for {@code doltsync_lineage}, which Dolt cannot hold).
 */
public final class LineageTables {

  public static final String RECORDS = "_doltsync_lineage";
  public static final String RUNS = "_doltsync_lineage_runs";

  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  private static final int NAME = LineageUnit.MAX_NAME_LENGTH;
  private static final int TEXT = 2000;

  static final TableSchema RECORDS_SCHEMA = new TableSchema(RECORDS, List.of(
      varchar("flow", NAME, false), varchar("run_id", NAME, false), varchar("step", NAME, false),
      varchar("kind", 5, false), varchar("table_name", NAME, false), varchar("commit_hash", 32, false),
      varchar("at", 32, false), varchar("tags", TEXT, true)),
      List.of("flow", "run_id", "step", "kind", "table_name", "commit_hash"), List.of(), List.of(), List.of());

  static final TableSchema RUNS_SCHEMA = new TableSchema(RUNS, List.of(
      varchar("flow", NAME, false), varchar("run_id", NAME, false), varchar("step", NAME, false),
      varchar("state", 16, false), varchar("instance", 255, false), varchar("started_at", 32, false),
      varchar("ended_at", 32, true), varchar("pinned_commit", 32, true), varchar("tags", TEXT, true),
      varchar("error", TEXT, true)),
      List.of("flow", "run_id", "step"), List.of(), List.of(), List.of());

  private LineageTables() {}

  /** True for the names of the lineage tables (which verify and reconcile leave alone). */
  public static boolean isLineageTable(String name) {
    return RECORDS.equalsIgnoreCase(name) || RUNS.equalsIgnoreCase(name);
  }

  /** The change that adds {@code records} to {@code _doltsync_lineage}. */
  static TableChange recordsChange(List<LineageRecord> records) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (LineageRecord record : records) {
      rows.add(new Object[] {record.flow(), record.runId(), record.step(), record.kind().column(), record.table(),
          record.commitHash(), record.at().toString(), encodeTags(record.tags())});
    }
    return rowsChange(RECORDS_SCHEMA, rows);
  }

  /** The change that sets a scope's row in {@code _doltsync_lineage_runs}. */
  static TableChange runChange(LineageUnit unit, String state, String instance, Instant started, Instant ended,
      String pinnedHash, String error) {
    Object[] row = {unit.flow(), unit.runId(), unit.step(), state, instance, started.toString(),
        ended == null ? null : ended.toString(), pinnedHash, encodeTags(unit.tags()),
        error == null ? null : truncate(error)};
    return rowsChange(RUNS_SCHEMA, List.<Object[]>of(row));
  }

  /** A run left open by a crashed job, closed as failed. */
  static TableChange failedRunChange(RunRow run, Instant ended, String error) {
    Object[] row = {run.flow(), run.runId(), run.step(), FAILED, run.instance(), run.startedAt(), ended.toString(),
        run.pinnedCommit(), run.tags(), truncate(error)};
    return rowsChange(RUNS_SCHEMA, List.<Object[]>of(row));
  }

  /** A row of {@code _doltsync_lineage_runs} as stored. */
  record RunRow(String flow, String runId, String step, String state, String instance, String startedAt,
      String pinnedCommit, String tags) {}

  private static TableChange rowsChange(TableSchema schema, List<Object[]> rows) {
    List<String> columns = schema.columns().stream().map(ColumnSchema::name).toList();
    return new TableChange(schema.name(), TableChange.Kind.ROWS, schema, columns, schema.primaryKey(), rows, List.of());
  }

  private static ColumnSchema varchar(String name, int size, boolean nullable) {
    return new ColumnSchema(name, Types.VARCHAR, "varchar", size, null, nullable, false, null);
  }

  private static String truncate(String text) {
    return text.length() <= TEXT ? text : text.substring(0, TEXT - 3) + "...";
  }

  /** Tags as {@code k=v&k2=v2}, URL-encoded; empty text for none. */
  static String encodeTags(Map<String, String> tags) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      text.append(text.length() == 0 ? "" : "&").append(URLEncoder.encode(tag.getKey(), StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(tag.getValue(), StandardCharsets.UTF_8));
    }
    return text.toString();
  }

  /** The tags {@link #encodeTags} wrote. */
  public static Map<String, String> decodeTags(String text) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return tags;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      tags.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return tags;
  }
}

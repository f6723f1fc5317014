package io.doltsync.sql;

import java.util.List;
import java.util.Set;

/**
 * What a write statement changes, as far as its text tells: the tables it writes and, where the text
 * allows, which rows. Immutable; cached per SQL text by {@link WriteAnalyzer}.
 *
 * @param status               whether the text could be analysed
 * @param kind                 the kind of the (first) statement
 * @param tableWrites          the tables written, in text order; empty when {@link Status#UNPARSEABLE}
 * @param mentionedIdentifiers every identifier token of the text (unquoted, as written, without
 *                             qualifiers split off: {@code s.t} gives {@code s} and {@code t}), so a
 *                             caller can over-approximate the tables an unparseable statement touches
 * @param parameterCount       the number of {@code ?} parameters in the text
 */
public record WriteAnalysis(
    Status status, StatementKind kind, List<TableWrite> tableWrites, Set<String> mentionedIdentifiers, int parameterCount) {

  public WriteAnalysis {
    tableWrites = List.copyOf(tableWrites);
    mentionedIdentifiers = Set.copyOf(mentionedIdentifiers);
  }

  /** Whether a text could be analysed. */
  public enum Status {
    /** Parsed; {@link #tableWrites()} is complete. */
    ANALYZED,
    /**
     * A write (or possible write) that could not be parsed, or whose effect the text does not tell exactly
     * (an unqualified column in a multi-table UPDATE, a data-modifying CTE, DDL other than tables and
     * indexes): the caller must fall back conservatively.
     */
    UNPARSEABLE,
    /** Not a write (a plain query, SET, SHOW, transaction control). */
    NOT_A_WRITE
  }
}

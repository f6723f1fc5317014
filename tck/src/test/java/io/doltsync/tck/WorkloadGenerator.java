package io.doltsync.tck;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates transactions from a seed: the same seed, primary and options give the same statements (the
 * database's answers, e.g. generated keys, can still steer later key picks).
 */
final class WorkloadGenerator {

  private final Primary primary;
  private final WorkloadOptions options;
  private final Random random;
  private final RowStatements rows;
  private final SetStatements sets;
  private final DialectStatements dialect;
  private final SchemaStatements schema;
  private final Map<OpKind, Integer> weights = new EnumMap<>(OpKind.class);
  private final int totalWeight;
  /** Kinds this generator offers and has not generated yet (see {@link #COVERAGE_EVERY}). */
  private final EnumSet<OpKind> notYetGenerated = EnumSet.noneOf(OpKind.class);

  /**
   * Every this many transactions, one whose kinds are still missing opens with one of them: a short run (the
   * multi-writer group-commit run has 40 transactions per writer) otherwise left a rare kind such as TRUNCATE
   * out with some seeds, and {@link Coverage} rightly refused the run.
   */
  static final int COVERAGE_EVERY = 8;

  WorkloadGenerator(Primary primary, WorkloadOptions options, long seed, Keys.Shared shared) {
    this.primary = primary;
    this.options = options;
    this.random = new Random(seed);
    Keys keys = new Keys(random, options.freshKeys(), shared);
    this.rows = new RowStatements(random, keys);
    this.sets = new SetStatements(random, keys);
    this.dialect = new DialectStatements(primary, random, keys);
    this.schema = new SchemaStatements(random);
    int total = 0;
    for (OpKind kind : OpKind.values()) {
      int weight = primary.supports(kind) && !TckSettings.excludedKinds().contains(kind) ? weight(kind) : 0;
      weights.put(kind, weight);
      total += weight;
    }
    this.totalWeight = total;
    notYetGenerated.addAll(kinds());
  }

  /** The statement kinds this generator can produce. */
  List<OpKind> kinds() {
    return weights.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
  }

  private int weight(OpKind kind) {
    return switch (kind) {
      case COMMIT -> 0;
      case ADD_COLUMN -> options.schemaChanges() ? 2 * options.schemaWeight() : 0;
      case CREATE_TABLE, DROP_TABLE -> options.schemaChanges() ? options.schemaWeight() : 0;
      case SCRATCH_WRITE -> options.schemaChanges() ? 3 * options.schemaWeight() : 0;
      case TRUNCATE -> 1;
      case CASCADE_DELETE -> 3;
      case UPDATABLE_RESULT_SET -> 4;
      default -> 8;
    };
  }

  /** Learns the schema the primary has now (scratch tables, added columns). */
  void observe(DatabaseState state) {
    schema.observe(state);
  }

  TransactionPlan next(int number) {
    int roll = random.nextInt(100);
    TransactionPlan.Ending ending = roll < options.autoCommitPercent() ? TransactionPlan.Ending.AUTO_COMMIT
        : roll < options.autoCommitPercent() + options.rollbackPercent() ? TransactionPlan.Ending.ROLLBACK
        : TransactionPlan.Ending.COMMIT;
    int count = 1 + random.nextInt(ending == TransactionPlan.Ending.AUTO_COMMIT ? 2 : options.maxStatements());
    int savepointAfter = -1;
    int rollbackAfter = -1;
    if (ending == TransactionPlan.Ending.COMMIT && count >= 2 && random.nextInt(100) < options.savepointPercent()) {
      savepointAfter = random.nextInt(count - 1);
      rollbackAfter = savepointAfter + 1 + random.nextInt(count - 1 - savepointAfter);
    }
    // Where DDL is transactional, a rollback to the savepoint undoes the schema statements after it: the schema
    // model forgets them, so later statements of the transaction do not drop a table it never made.
    boolean undoesSchema = !primary.ddlCommitsImplicitly();
    List<Operation> operations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean catchUp = i == 0 && number % COVERAGE_EVERY == 0 && !notYetGenerated.isEmpty();
      OpKind kind = catchUp ? notYetGenerated.iterator().next() : pickKind();
      notYetGenerated.remove(kind);
      operations.add(operation(kind));
      if (undoesSchema && i == savepointAfter) {
        schema.markSavepoint();
      }
      if (undoesSchema && i == rollbackAfter) {
        schema.rollbackToSavepoint();
      }
    }
    boolean guard = primary.errorAbortsTransaction() && random.nextBoolean();
    TransactionPlan.CommitMetadata metadata = null;
    boolean metadataApplies = ending == TransactionPlan.Ending.COMMIT
        && !(primary.ddlCommitsImplicitly() && operations.stream().anyMatch(op -> op.kind().isSchemaStatement()));
    if (options.metadataEvery() > 0 && metadataApplies && number % options.metadataEvery() == 0) {
      metadata = new TransactionPlan.CommitMetadata("Tck Author " + number, "author" + number + "@tck.example",
          "tck transaction " + number + ": " + operations.get(0).kind().description());
    }
    return new TransactionPlan(number, operations, ending, savepointAfter, rollbackAfter, guard, metadata);
  }

  private OpKind pickKind() {
    int pick = random.nextInt(totalWeight);
    for (Map.Entry<OpKind, Integer> entry : weights.entrySet()) {
      pick -= entry.getValue();
      if (pick < 0) {
        return entry.getKey();
      }
    }
    throw new IllegalStateException("weights");
  }

  private Operation operation(OpKind kind) {
    return switch (kind) {
      case ORM_INSERT, ORM_UPDATE, ORM_DELETE, MULTI_ROW_INSERT, GENERATED_KEYS_INSERT, KEY_UPDATE, CASCADE_DELETE,
          TRIGGER_WRITE, UPDATABLE_RESULT_SET -> rows.make(kind);
      case INSERT_SELECT, RANGE_UPDATE, SUBQUERY_UPDATE, RANGE_DELETE, SUBQUERY_DELETE, KEYLESS_WRITE, TRUNCATE ->
          sets.make(kind);
      case UPSERT, RETURNING, JOIN_UPDATE, JOIN_DELETE, CALLABLE, STATEMENT_BATCH, PREPARED_BATCH -> dialect.make(kind);
      case ADD_COLUMN, CREATE_TABLE, DROP_TABLE, SCRATCH_WRITE -> schema.make(kind);
      case COMMIT -> throw new IllegalArgumentException("COMMIT is not a statement");
    };
  }
}

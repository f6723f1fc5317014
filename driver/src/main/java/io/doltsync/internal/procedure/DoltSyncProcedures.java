package io.doltsync.internal.procedure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The registry of doltsync's own procedures: every {@code CALL DOLTSYNC_<NAME>(...)} is run from here. */
public final class DoltSyncProcedures {

  private static final Map<String, DoltSyncProcedure> PROCEDURES = index(List.of(
      new VerifyProcedure(),
      new ReconcileProcedure(),
      new StatusProcedure(),
      new RevertProcedure(),
      new RestoreProcedure(),
      new PublishProcedure(),
      new LineageBeginProcedure(),
      new LineageEndProcedure()));

  private DoltSyncProcedures() {
  }

  /** Every procedure, in registration order. */
  public static Collection<DoltSyncProcedure> all() {
    return Collections.unmodifiableCollection(PROCEDURES.values());
  }

  /**
   * Runs a call.
   *
   * @param parameters the values bound to the call's {@code ?} markers (empty for a plain statement)
   * @throws SQLSyntaxErrorException (42000) for a procedure doltsync does not have
   */
  public static ResultSet call(DoltSyncCall call, List<Object> parameters, ProcedureContext context)
      throws SQLException {
    DoltSyncProcedure procedure = PROCEDURES.get(call.name());
    if (procedure == null) {
      throw new SQLSyntaxErrorException("doltsync has no procedure " + call.name().toUpperCase(Locale.ROOT)
          + " (the doltsync_ prefix is reserved); it has: " + PROCEDURES.values().stream()
          .map(DoltSyncProcedure::signature).collect(Collectors.joining(", ")), "42000");
    }
    return procedure.call(context, call.values(parameters));
  }

  /**
   * The arguments as strings, for procedures that take names: each must be a non-null string.
   *
   * @throws SQLSyntaxErrorException (42000) naming the procedure's signature otherwise
   */
  static List<String> names(DoltSyncProcedure procedure, List<Object> arguments) throws SQLException {
    List<String> names = new ArrayList<>(arguments.size());
    for (Object argument : arguments) {
      if (!(argument instanceof String name) || name.isBlank()) {
        throw new SQLSyntaxErrorException(procedure.signature() + " takes table names as strings; got "
            + (argument == null ? "NULL" : argument), "42000");
      }
      names.add(name);
    }
    return names;
  }

  private static Map<String, DoltSyncProcedure> index(List<DoltSyncProcedure> procedures) {
    Map<String, DoltSyncProcedure> byName = new LinkedHashMap<>();
    for (DoltSyncProcedure procedure : procedures) {
      if (!procedure.name().startsWith(DoltSyncCall.PREFIX) || byName.put(procedure.name(), procedure) != null) {
        throw new IllegalStateException("bad or duplicate procedure name: " + procedure.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}

package io.doltsync.internal.capture;

import io.doltsync.internal.procedure.DoltSyncCall;

/**
 * A call of one of doltsync's own procedures ({@code CALL DOLTSYNC_VERIFY()}, ...): run by the driver, never
 * sent to the primary or to Dolt.
 *
 * @param call the procedure and its arguments
 */
public record ProcedurePlan(DoltSyncCall call) implements Plan {
}

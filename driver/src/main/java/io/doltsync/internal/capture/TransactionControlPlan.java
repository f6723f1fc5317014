package io.doltsync.internal.capture;

import io.doltsync.sql.StatementKind;

/**
 * {@code BEGIN}/{@code START TRANSACTION}, {@code COMMIT} or {@code ROLLBACK} sent as SQL text: the session
 * must see these boundaries as it sees {@code Connection.commit()} and {@code rollback()}.
 */
public record TransactionControlPlan(StatementKind kind) implements Plan {
}

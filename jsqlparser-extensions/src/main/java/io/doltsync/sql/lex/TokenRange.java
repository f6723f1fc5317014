package io.doltsync.sql.lex;

/** Tokens {@code [from, to)} of a {@link TokenList}, e.g. one statement of a multi-statement text. */
public record TokenRange(int from, int to) {
}

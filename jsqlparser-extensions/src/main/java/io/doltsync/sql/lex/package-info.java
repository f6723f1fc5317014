/**
 * doltsync's dialect-aware SQL tokenizer: {@link io.doltsync.sql.lex.SqlLexer} (an allocation-free cursor
 * for the hot path), {@link io.doltsync.sql.lex.TokenList} (random access for analysis) and the helpers
 * that read quoted text and split statements. Everything that decides what SQL means in doltsync reads
 * it through these classes, so strings, quoted identifiers and comments are told apart the same way
 * everywhere.
 */
package io.doltsync.sql.lex;

package io.doltsync.internal.versioning;

import io.doltsync.sql.lex.TokenType;

/**
 * A table (or procedure) name as written, unquoted.
 *
 * @param qualifier the database qualifier, e.g. {@code shop} or a revision database {@code shop/feature},
 *                  {@code shop@feature}; null when unqualified
 * @param name      the name itself
 */
record QualifiedName(String qualifier, String name) {

  /** The name at token {@code index} ({@code name} or {@code qualifier.name}), or null when there is none. */
  static QualifiedName at(SqlText text, int index) {
    if (!text.token(index).isName()) {
      return null;
    }
    if (text.token(index + 1).type() == TokenType.DOT && text.token(index + 2).isName()) {
      return new QualifiedName(text.token(index).name(), text.token(index + 2).name());
    }
    return new QualifiedName(null, text.token(index).name());
  }

  /** How many tokens the name at {@code index} spans. */
  int tokenCount() {
    return qualifier == null ? 1 : 3;
  }

  @Override
  public String toString() {
    return qualifier == null ? name : qualifier + "." + name;
  }
}

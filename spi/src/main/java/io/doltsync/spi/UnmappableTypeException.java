package io.doltsync.spi;

import java.sql.SQLException;

/** A primary column whose type has no Dolt equivalent. The message names table, column and type. */
public class UnmappableTypeException extends SQLException {
  private static final long serialVersionUID = 1L;

  public UnmappableTypeException(String table, String column, String typeName) {
    super("doltsync cannot map column " + table + "." + column + " of type " + typeName
        + " to a Dolt type; exclude the table with doltsync.exclude, or set doltsync.unmappedTypes=text"
        + " to store such columns as text", "0A000");
  }
}

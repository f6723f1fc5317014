package io.doltsync.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * How one column's values travel from a Dolt result set to a target statement parameter. Each reads the value
 * Dolt holds exactly (no float or time-zone detours) and binds it as the target column's own Java type; a value
 * the target type cannot hold is refused with an {@link SQLDataException} naming it, never changed.
 */
enum ValueTransfer {
  INTEGER {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      long value = rs.getLong(index);
      return rs.wasNull() ? null : value;
    }
  },
  /** {@code bigint unsigned} and other values beyond a signed 64-bit integer. */
  DECIMAL {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      return rs.getBigDecimal(index);
    }
  },
  /** A decimal into Oracle's NUMBER, which holds 38 significant digits. */
  DECIMAL_38 {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      BigDecimal value = rs.getBigDecimal(index);
      if (value != null && value.stripTrailingZeros().precision() > 38) {
        throw new OutOfRange(value.toPlainString() + " has more than the 38 significant digits of Oracle's NUMBER");
      }
      return value;
    }
  },
  FLOAT {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      float value = rs.getFloat(index);
      return rs.wasNull() ? null : value;
    }
  },
  DOUBLE {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      double value = rs.getDouble(index);
      return rs.wasNull() ? null : value;
    }
  },
  /** A {@code tinyint(1)} into a boolean column: only 0 and 1 are booleans. */
  INTEGER_AS_BOOLEAN {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      long value = rs.getLong(index);
      if (rs.wasNull()) {
        return null;
      }
      if (value != 0 && value != 1) {
        throw new OutOfRange(value + " is not a boolean (0 or 1)");
      }
      return value == 1;
    }
  },
  /** {@code bit(1)}. */
  BOOLEAN {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      byte[] bits = rs.getBytes(index);
      return bits == null ? null : new BigInteger(1, bits).signum() != 0;
    }
  },
  /** {@code bit(n)} as the number it holds; into MySQL as the same 64 bits of a {@code long}. */
  BITS_AS_LONG {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      byte[] bits = rs.getBytes(index);
      return bits == null ? null : new BigInteger(1, bits).longValue();
    }
  },
  /** {@code bit(n)} as an unsigned number, for a {@code numeric} column. */
  BITS_AS_DECIMAL {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      byte[] bits = rs.getBytes(index);
      return bits == null ? null : new BigDecimal(new BigInteger(1, bits));
    }
  },
  STRING {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      return rs.getString(index);
    }
  },
  BYTES {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      return rs.getBytes(index);
    }
  },
  DATE {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      return rs.getObject(index, LocalDate.class);
    }
  },
  DATETIME {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      return rs.getObject(index, LocalDateTime.class);
    }
  },
  /** Dolt's {@code time} (a duration of up to ±838 hours) into a time-of-day column: 00:00 up to 24:00 only. */
  TIME_OF_DAY {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      String text = rs.getString(index);
      if (text == null) {
        return null;
      }
      try {
        return LocalTime.parse(text.length() == 7 ? "0" + text : text);
      } catch (java.time.format.DateTimeParseException e) {
        throw new OutOfRange(text + " is not a time of day");
      }
    }
  },
  /** {@code year}: its number. */
  YEAR {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      int value = rs.getInt(index);
      return rs.wasNull() ? null : value;
    }
  },
  /** JSON text, bound so the target parses it as JSON (PostgreSQL's {@code jsonb} takes it as {@code OTHER}). */
  JSON {
    @Override
    Object read(ResultSet rs, int index) throws SQLException {
      return rs.getString(index);
    }

    @Override
    void bind(PreparedStatement statement, int index, Object value, TargetKind target) throws SQLException {
      if (value != null && target == TargetKind.POSTGRESQL) {
        statement.setObject(index, value, Types.OTHER);
      } else {
        super.bind(statement, index, value, target);
      }
    }
  };

  /** Reads column {@code index} of Dolt's current row; {@code null} for SQL NULL. */
  abstract Object read(ResultSet rs, int index) throws SQLException;

  /** Binds a value {@link #read} gave to parameter {@code index}. */
  void bind(PreparedStatement statement, int index, Object value, TargetKind target) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof byte[] bytes) {
      statement.setBytes(index, bytes);
    } else {
      statement.setObject(index, value);
    }
  }

  /** A Dolt value the target type cannot hold; the caller adds table and column. */
  static final class OutOfRange extends SQLDataException {
    OutOfRange(String message) {
      super(message, "22003");
    }
  }
}

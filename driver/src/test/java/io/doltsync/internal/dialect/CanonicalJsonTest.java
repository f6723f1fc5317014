package io.doltsync.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

  @Test
  void dropsWhitespaceAndSortsKeysAtEveryLevel() throws SQLDataException {
    assertThat(CanonicalJson.normalize(" { \"b\" : [ true , false , null ] ,\n \"a\" : { \"z\" : 1 , \"y\" : \"\" } } "))
        .isEqualTo("{\"a\":{\"y\":\"\",\"z\":1},\"b\":[true,false,null]}");
  }

  @Test
  void keepsTheLastOfDuplicateKeys() throws SQLDataException {
    assertThat(CanonicalJson.normalize("{\"a\":1,\"a\":2}")).isEqualTo("{\"a\":2}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.50|1.5", "1e2|100", "-0|0", "0.0|0", "12345678901234567890|12345678901234567000",
      "9007199254740993|9007199254740992", "1.5e300|1.5e+300", "0.0000001|1e-7", "-2.5E-3|-0.0025", "1e400|1e400"})
  void writesNumbersAsTheDoublesTheyDenote(String literal, String canonical) throws SQLDataException {
    assertThat(CanonicalJson.normalize(literal)).isEqualTo(canonical);
    assertThat(CanonicalJson.normalize("[" + literal + "]")).isEqualTo("[" + canonical + "]");
  }

  @Test
  void keepsOnlyTheEscapesJsonRequires() throws SQLDataException {
    assertThat(CanonicalJson.normalize("\"\\u00e9\\/\\n\\t\\u0001\\\"\\\\\"")).isEqualTo("\"é/\\n\\t\\u0001\\\"\\\\\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{\"a\":}", "[1,]", "\"abc", "tru", "{} x", "{a:1}", "+1", "[1 2]", "\"\\x\""})
  void rejectsTextThatIsNotJson(String text) {
    assertThatThrownBy(() -> CanonicalJson.normalize(text))
        .isInstanceOf(SQLDataException.class)
        .extracting(e -> ((SQLDataException) e).getSQLState()).isEqualTo("22032");
  }

  @Test
  void writesSqlArraysAsJsonArrays() {
    Object[] elements = {1, null, new BigDecimal("2.50"), true, "x\"y", new Object[] {1L, new Object[] {}},
        Date.valueOf("2024-02-29"), new byte[] {0x0a, (byte) 0xff}};

    assertThat(CanonicalJson.ofArray(elements))
        .isEqualTo("[1,null,2.5,true,\"x\\\"y\",[1,[]],\"2024-02-29\",\"\\\\x0aff\"]");
  }
}

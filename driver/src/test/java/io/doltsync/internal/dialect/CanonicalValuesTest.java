package io.doltsync.internal.dialect;

import static io.doltsync.internal.dialect.CanonicalValues.same;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CanonicalValuesTest {

  @Test
  void nullIsOnlyTheSameAsNull() {
    assertThat(same(null, null)).isTrue();
    assertThat(same(null, 0L)).isFalse();
    assertThat(same("", null)).isFalse();
  }

  @Test
  void exactNumbersCompareByValueWhateverTheirScaleOrClass() {
    assertThat(same(new BigDecimal("1.50"), new BigDecimal("1.500000"))).isTrue();
    assertThat(same(5L, new BigDecimal("5.000"))).isTrue();
    assertThat(same(5, 5L)).isTrue();
    assertThat(same(5L, 6L)).isFalse();
    assertThat(same(new BigDecimal("0.1"), new BigDecimal("0.10000000000000000000000000001"))).isFalse();
  }

  @Test
  void floatingPointComparesAsDouble() {
    assertThat(same(1.5f, 1.5d)).isTrue();
    assertThat(same(0.1f, 0.1d)).isFalse();
    assertThat(same(Double.NaN, Double.NaN)).isTrue();
    assertThat(same(0.0, -0.0)).isFalse();
  }

  @Test
  void exactAndFloatingPointNumbersAreNeverTheSame() {
    assertThat(same(new BigDecimal("1.5"), 1.5d)).isFalse();
    assertThat(same(2L, 2.0f)).isFalse();
  }

  @Test
  void bytesCompareByContent() {
    assertThat(same(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
    assertThat(same(new byte[] {1, 2}, new byte[] {1, 2, 0})).isFalse();
  }

  @Test
  void otherValuesCompareWithEquals() {
    assertThat(same("a", "a")).isTrue();
    assertThat(same("a", "a ")).isFalse();
    assertThat(same(true, 1L)).isFalse();
    assertThat(same(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 1, 0, 0))).isTrue();
  }
}

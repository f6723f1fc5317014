package io.doltsync.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalysisCacheTest {

  private static final WriteAnalysis ANALYSIS =
      new WriteAnalysis(WriteAnalysis.Status.NOT_A_WRITE, StatementKind.SELECT, List.of(), Set.of(), 0);

  @Test
  void clearsWhenTheEntryBoundWouldBePassed() {
    AnalysisCache<WriteAnalysis> cache = new AnalysisCache<>(2, 1000);
    cache.put("a", ANALYSIS);
    cache.put("b", ANALYSIS);
    assertThat(cache.get("a")).isSameAs(ANALYSIS);
    assertThat(cache.get("b")).isSameAs(ANALYSIS);
    cache.put("c", ANALYSIS);
    assertThat(cache.get("c")).isSameAs(ANALYSIS);
    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("b")).isNull();
  }

  @Test
  void clearsWhenTheLengthBoundWouldBePassed() {
    AnalysisCache<WriteAnalysis> cache = new AnalysisCache<>(100, 40);
    cache.put("0123456789", ANALYSIS);
    cache.put("abcdefghij", ANALYSIS);
    cache.put("ABCDEFGHIJ", ANALYSIS);
    cache.put("klmnopqrst", ANALYSIS);
    assertThat(cache.get("0123456789")).isSameAs(ANALYSIS);
    assertThat(cache.get("klmnopqrst")).isSameAs(ANALYSIS);
    cache.put("KLMNOPQRST", ANALYSIS);
    assertThat(cache.get("KLMNOPQRST")).isSameAs(ANALYSIS);
    assertThat(cache.get("0123456789")).isNull();
    assertThat(cache.get("klmnopqrst")).isNull();
  }

  @Test
  void doesNotKeepTextsLongerThanAQuarterOfTheLengthBound() {
    AnalysisCache<WriteAnalysis> cache = new AnalysisCache<>(100, 40);
    cache.put("0123456789", ANALYSIS);
    cache.put("0123456789X", ANALYSIS);
    assertThat(cache.get("0123456789X")).isNull();
    assertThat(cache.get("0123456789")).isSameAs(ANALYSIS);
  }
}

package io.doltsync.internal.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doltsync.spi.CommitMetadata;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitOptionsTest {

  @Test
  void combinedFlagsAuthorAndMessage() throws Exception {
    CommitOptions options = CommitOptions.parse(List.of("-Am", "msg", "--author", "Ann Smith <ann@example.org>"));

    assertThat(options.metadata()).isEqualTo(new CommitMetadata("Ann Smith", "ann@example.org", "msg"));
    assertThat(options.allowEmpty()).isFalse();
  }

  @Test
  void longOptionsWithEqualsAndFlags() throws Exception {
    CommitOptions options = CommitOptions.parse(List.of("--message=x y", "-a", "--allow-empty", "--branch", "b"));

    assertThat(options).isEqualTo(new CommitOptions("x y", null, null, true, false, "b"));
  }

  @Test
  void aLoneArgumentIsThe2020Message() throws Exception {
    assertThat(CommitOptions.parse(List.of("modified something")).message()).isEqualTo("modified something");
  }

  @Test
  void doltArgumentsCommitEverything() throws Exception {
    CommitOptions options = CommitOptions.parse(List.of("-m", "m", "--author", "A <a@x>")).allowingEmpty();

    assertThat(options.doltArguments()).containsExactly("-A", "-m", "m", "--author", "A <a@x>", "--allow-empty");
  }

  @Test
  void badArguments() {
    assertThatThrownBy(() -> CommitOptions.parse(List.of("--date", "2020-01-01", "-m", "x")))
        .isInstanceOf(SQLFeatureNotSupportedException.class).hasMessageContaining("--date");
    assertThatThrownBy(() -> CommitOptions.parse(List.of("-m")))
        .hasMessageContaining("no value for option `m'");
    assertThatThrownBy(() -> CommitOptions.parse(List.of("--allow-empty", "--skip-empty", "-m", "x")))
        .hasMessageContaining("cannot use both");
    assertThatThrownBy(() -> CommitOptions.parse(List.of("-m", "x", "stray")))
        .hasMessageContaining("unexpected commit argument 'stray'");
  }
}

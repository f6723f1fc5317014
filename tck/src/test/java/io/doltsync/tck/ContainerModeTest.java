package io.doltsync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container mode is opt-in and loud: without {@code tck.containers} the suites run on the local servers
 * exactly as before; with it and no Docker engine, the run fails saying so instead of skipping or falling back.
 */
class ContainerModeTest {

  @Test
  void withoutThePropertyTheLocalServersRunAsBefore() {
    assumeTrue(ContainerPrimaries.requested().isEmpty(), "this run asked for containers");
    assertThat(Primaries.selected().map(TckPrimary::label)).containsExactlyElementsOf(
        Primaries.builtIn().map(Primaries::name).toList());
    assertThat(Primaries.selected()).allSatisfy(p -> assertThat(p.primary()).isSameAs(Primaries.valueOf(p.label()).primary()));
  }

  @Test
  void readsTheImagesAsked() {
    assertThat(List.of(ContainerPrimaries.Spec.parse("mysql:8.4"), ContainerPrimaries.Spec.parse(" Postgres:16 "),
        ContainerPrimaries.Spec.parse("mariadb"))).extracting(ContainerPrimaries.Spec::image)
        .containsExactly("mysql:8.4", "postgres:16", "mariadb:latest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"oracle-free", "oracle-free:23-slim", "sqlserver:2022", "h2", ""})
  void refusesWhatItCannotRunWithAReason(String spec) {
    assertThatThrownBy(() -> ContainerPrimaries.Spec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tck.containers");
  }

  @Test
  void failsLoudlyWhenDockerIsAbsent() {
    List<ContainerPrimaries.Spec> specs = List.of(ContainerPrimaries.Spec.parse("mysql:8.4"), ContainerPrimaries.Spec.parse("postgres:16"));
    assertThatThrownBy(() -> ContainerPrimaries.start(specs, () -> "no socket at /var/run/docker.sock"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Dtck.containers=mysql:8.4,postgres:16")
        .hasMessageContaining("no Docker engine is reachable: no socket at /var/run/docker.sock")
        .hasMessageContaining("run without -Dtck.containers");
  }

  /** On a machine without Docker (this project's CI and development machines), Testcontainers' own probe says so. */
  @Test
  void testcontainersFindsNoDockerOnAMachineWithout() {
    assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock")),
        "a Docker engine may be present here");
    assertThat(ContainerPrimaries.DockerProbe.TESTCONTAINERS.absence()).isNotNull();
    assertThatThrownBy(() -> ContainerPrimaries.start(List.of(ContainerPrimaries.Spec.parse("mariadb:11")),
        ContainerPrimaries.DockerProbe.TESTCONTAINERS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no Docker engine is reachable");
  }
}

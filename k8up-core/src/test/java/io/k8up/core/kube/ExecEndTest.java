package io.k8up.core.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How an exec ended, read from the Status kubelet sends, whatever client carried it. */
class ExecEndTest {

  @Test
  void successIsExitZeroAndAnExitCodeCauseGivesTheCode() {
    assertThat(ExecEnd.fromStatus("{\"status\":\"Success\",\"aFieldFromANewerServer\":1}"))
        .isEqualTo(ExecEnd.exited(0));
    assertThat(ExecEnd.fromStatus("{\"status\":\"Failure\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":"
        + "[{\"reason\":\"ExitCode\",\"message\":\"3\"}]},\"message\":\"command terminated with non-zero exit code\"}"))
        .isEqualTo(ExecEnd.exited(3));
  }

  @Test
  void anythingElseBrokeTheCommandOffWithTheServersWordsBounded() {
    assertThat(ExecEnd.fromStatus("{\"status\":\"Failure\",\"message\":\"container not found (\\\"app\\\")\"}"))
        .isEqualTo(ExecEnd.broken("container not found (\"app\")"));
    assertThat(ExecEnd.fromStatus("not json").message()).isEqualTo("the exit status could not be read: not json");
    assertThat(ExecEnd.fromStatus("{\"status\":\"Failure\",\"message\":\"" + "x".repeat(10_000) + "\"}").message())
        .hasSize(4097).endsWith("…");
  }
}

package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code k8up-rwo explain NAME}. */
class ExplainCommandTest {

  @Test
  void showsEveryRuleAskedUntilTheOneThatDecided() {
    CliRun run = CliRun.of("explain", "--sample", "logs");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("PersistentVolumeClaim shop/logs: BACKUP PV_NODE_AFFINITY");
    assertThat(run.out()).contains(
        "1. backup annotation", "did not apply", "4. mounting pod", "5. PV nodeAffinity", "decided",
        "k8up.io/hostname annotation (\"worker-1\") is ignored");
  }

  @Test
  void failedClaimExitsWithTwo() {
    CliRun run = CliRun.of("explain", "--sample", "shop/archive");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED_DECISIONS);
    assertThat(run.out()).contains("FAIL NO_NODE", "no node");
  }

  @Test
  void unknownClaimIsAnInputError() {
    CliRun run = CliRun.of("explain", "--sample", "nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains("No PersistentVolumeClaim named nope");
  }

  @Test
  void aClaimOutsideTheGivenNamespaceIsSaidToBeThere() {
    CliRun run = CliRun.of("explain", "--sample", "-n", "blog", "shop/logs");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
    assertThat(run.err()).contains("is in namespace shop, not in the --namespace blog given");
  }
}

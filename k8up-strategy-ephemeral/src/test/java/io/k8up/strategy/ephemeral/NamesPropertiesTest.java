package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.ImmutablePod;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.KubernetesNames;
import io.k8up.core.testing.NameGenerators;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whatever the claims and the run are called, the container's name is one Kubernetes accepts, and
 * no two runs, units or attempts share one: a pod keeps every ephemeral container it was given.
 */
class NamesPropertiesTest {

  private static final String POD = "app-0";

  private final Gen<List<String>> claimNames = claimNames(1);

  @Test
  void containerNameIsAValidContainerNameForAnyClaimNameRunIdAndAttempt() {
    qt().withExamples(300)
        .forAll(claimNames, NameGenerators.runIds(), integers().between(1, 1000))
        .checkAssert((claims, runId, attempt) -> {
          PlannedContainer materialization = materialize(claims, runId, attempt);

          String name = materialization.containerName();
          assertThat(KubernetesNames.isDns1123Label(name)).as(name).isTrue();
          assertThat(materialization.container().getVolumeMounts())
              .extracting(V1VolumeMount::getMountPath)
              .containsExactlyElementsOf(claims.stream().sorted().map(BackupToolSpec::mountPath).toList());
        });
  }

  @Test
  void containerNamesDifferAcrossRunsUnitsAndAttempts() {
    Gen<List<String>> atLeastTwoClaims = claimNames(2).assuming(claims -> claims.size() >= 2);
    qt().withExamples(200)
        .forAll(atLeastTwoClaims, NameGenerators.runIds(), NameGenerators.runIds())
        .assuming((claims, run, otherRun) -> !run.equals(otherRun))
        .checkAssert((claims, run, otherRun) -> {
          // Units of one claim, of another, of both; run ids apart and run ids one prefix of another.
          List<List<String>> units = List.of(claims.subList(0, 1), claims.subList(1, 2), claims);
          List<RunId> runs = new ArrayList<>(List.of(run, otherRun));
          if (run.value().length() + 2 <= RunId.MAX_LENGTH) {
            runs.add(RunId.of(run.value() + "-2"));
          }
          Set<String> names = new HashSet<>();
          int count = 0;
          for (RunId runId : runs) {
            for (List<String> unit : units) {
              for (int attempt = 1; attempt <= 3; attempt++) {
                names.add(materialize(unit, runId, attempt).containerName());
                count++;
              }
            }
          }
          assertThat(names).hasSize(count);
        });
  }

  /** Distinct claim names, at least {@code min} of them but for the rare duplicate, at most 4. */
  private static Gen<List<String>> claimNames(int min) {
    return lists()
        .of(NameGenerators.dns1123Subdomains())
        .ofSizeBetween(min, 4)
        .map(names -> names.stream().distinct().toList());
  }

  /** The container for {@code claims} of pod {@link #POD}, whose volumes are named by position. */
  private static PlannedContainer materialize(List<String> claims, RunId runId, int attempt) {
    ImmutablePod.Builder pod = Fixtures.runningPod(POD, EphemeralFixtures.NODE);
    List<ClaimTarget> targets = new ArrayList<>();
    for (int i = 0; i < claims.size(); i++) {
      pod.addClaimVolumes(PodVolume.of("v" + i, claims.get(i)));
      targets.add(EphemeralFixtures.heldClaim(claims.get(i), true, POD));
    }
    Pod holder = pod.build();
    BackupUnit unit = BackupUnit.of(EphemeralContainerStrategyProvider.ID, targets).withAttempt(attempt);
    RunContext context = RunContext.of(runId, BackupToolSpec.restic("repo").build(),
        ClusterSnapshot.of(List.of(), List.of(), List.of(holder)));
    return PlannedContainer.of(STRATEGY.workflow(unit, context));
  }
}

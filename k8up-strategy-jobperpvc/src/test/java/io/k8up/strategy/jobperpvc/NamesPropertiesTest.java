package io.k8up.strategy.jobperpvc;

import static io.k8up.strategy.jobperpvc.JobFixtures.STRATEGY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Placement;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.KubernetesNames;
import io.k8up.core.testing.NameGenerators;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Whatever the claims are called, the objects of their Job have names Kubernetes accepts. */
class NamesPropertiesTest {

  /** The Job controller names a pod {@code <job name>-<5 random characters>}. */
  private static final int POD_NAME_SUFFIX = "-xxxxx".length();

  private final Gen<List<String>> claimNames = lists()
      .of(NameGenerators.dns1123Subdomains())
      .ofSizeBetween(1, 4)
      .map(names -> names.stream().distinct().toList());

  @Test
  void jobPodAndVolumeNamesAreLabelsAndLabelValuesAreValidForAnyClaimNameAndRunId() {
    qt().withExamples(300).forAll(claimNames, NameGenerators.runIds()).checkAssert((claims, runId) -> {
      V1Job job = materialize(claims, runId);

      String name = job.getMetadata().getName();
      assertThat(KubernetesNames.isDns1123Label(name)).as(name).isTrue();
      String podNamePrefix = name + "-" + "x".repeat(POD_NAME_SUFFIX - 1);
      assertThat(KubernetesNames.isDns1123Label(podNamePrefix)).as(podNamePrefix).isTrue();
      V1PodSpec pod = job.getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes()).extracting(V1Volume::getName)
          .allSatisfy(volume -> assertThat(KubernetesNames.isDns1123Label(volume)).as(volume).isTrue());
      List<Map<String, String>> labelSets =
          List.of(job.getMetadata().getLabels(), job.getSpec().getTemplate().getMetadata().getLabels());
      for (Map<String, String> labels : labelSets) {
        assertThat(labels.values())
            .allSatisfy(value -> assertThat(KubernetesNames.isLabelValue(value)).as(value).isTrue());
      }
    });
  }

  private static V1Job materialize(List<String> claims, RunId runId) {
    Placement node = Placement.onPodNode("node-a", false);
    List<ClaimTarget> targets = new ArrayList<>();
    for (String claim : claims) {
      targets.add(JobFixtures.target(claim, node));
    }
    BackupUnit unit = BackupUnit.of(JobPerPvcStrategyProvider.ID, targets);
    RunContext context = RunContext.of(runId, BackupToolSpec.restic("repo").build(), ClusterSnapshot.empty());
    return (V1Job) STRATEGY.workflow(unit, context).manifests().get(0);
  }
}

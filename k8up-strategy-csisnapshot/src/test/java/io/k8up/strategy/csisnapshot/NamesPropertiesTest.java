package io.k8up.strategy.csisnapshot;

import static io.k8up.strategy.csisnapshot.SnapshotFixtures.DRIVER;
import static io.k8up.strategy.csisnapshot.SnapshotFixtures.defaultClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunContext;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.KubernetesNames;
import io.k8up.core.testing.NameGenerators;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever the claim and the run are called, the three objects have names and labels Kubernetes accepts. */
class NamesPropertiesTest {

  /** The Job controller names a pod {@code <job name>-<5 random characters>}. */
  private static final String POD_NAME_SUFFIX = "-xxxxx";

  @Test
  void namesAreLabelsAndLabelValuesAreValidForAnyClaimNameAndRunId() {
    qt().withExamples(300).forAll(NameGenerators.dns1123Subdomains(), NameGenerators.runIds())
        .checkAssert((claimName, runId) -> {
          Claim claim = Fixtures.boundClaim(claimName, AccessMode.READ_WRITE_ONCE).build();
          RunContext context = RunContext.of(runId, BackupToolSpec.restic("repo").build(),
              SnapshotFixtures.cluster(List.of(claim), List.of(defaultClass("c", DRIVER))));

          SnapshotObjects materialization =
              SnapshotFixtures.materialize(SnapshotFixtures.unit(SnapshotFixtures.target(claimName)), context);

          for (KubernetesObject object : materialization.manifests()) {
            String name = object.getMetadata().getName();
            assertThat(KubernetesNames.isDns1123Label(name)).as(name).isTrue();
            assertThat(object.getMetadata().getLabels().values())
                .allSatisfy(value -> assertThat(KubernetesNames.isLabelValue(value)).as(value).isTrue());
          }
          V1Job job = materialization.job();
          String podName = job.getMetadata().getName() + POD_NAME_SUFFIX;
          assertThat(KubernetesNames.isDns1123Label(podName)).as(podName).isTrue();
          Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
          assertThat(podLabels.values())
              .allSatisfy(value -> assertThat(KubernetesNames.isLabelValue(value)).as(value).isTrue());
          assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).extracting(V1Volume::getName)
              .allSatisfy(volume -> assertThat(KubernetesNames.isDns1123Label(volume)).as(volume).isTrue());
          assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
              .extracting(V1VolumeMount::getMountPath)
              .contains("/data/" + claimName);
          assertThat(materialization.volumeSnapshot().getRaw().getAsJsonObject("spec").getAsJsonObject("source")
              .get("persistentVolumeClaimName").getAsString()).isEqualTo(claimName);
        });
  }
}

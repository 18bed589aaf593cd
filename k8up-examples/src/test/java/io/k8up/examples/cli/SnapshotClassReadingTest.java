package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.Claim;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.MockApiServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A file's VolumeSnapshotClasses are always read; a live read lists them, and discovers the
 * snapshot API group, only when the strategy order names {@code csi-snapshot} (the caching is
 * tested on {@code K8upRwo} in the core).
 */
@Timeout(60)
class SnapshotClassReadingTest {

  private static final String CLASSES = "/apis/snapshot.storage.k8s.io/v1/volumesnapshotclasses?limit=500&watch=false";
  private static final String GROUP = "/apis/snapshot.storage.k8s.io/v1";

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void withCsiSnapshotInTheOrderTheLiveReadListsClassesAndDiscoversTheGroup() throws Exception {
    LiveCluster.mountedClaim(api.client());
    // The mock's own core discovery lists nothing, which stops discovery before any group.
    api.server().expect().get().withPath("/api/v1/").andReturn(200, "{\"kind\":\"APIResourceList\","
        + "\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\",\"namespaced\":true,\"kind\":\"Pod\","
        + "\"verbs\":[\"list\"]}]}").always();
    api.server().expect().get().withPath(GROUP).andReturn(200, "{\"kind\":\"APIResourceList\","
        + "\"groupVersion\":\"snapshot.storage.k8s.io/v1\",\"resources\":[{\"name\":\"volumesnapshots\","
        + "\"namespaced\":true,\"kind\":\"VolumeSnapshot\",\"verbs\":[\"create\"]}]}").always();
    api.server().expect().get().withPath(CLASSES)
        .andReturn(200, "{\"kind\":\"VolumeSnapshotClassList\",\"items\":[{\"metadata\":{\"name\":\"ebs\","
            + "\"annotations\":{\"snapshot.storage.kubernetes.io/is-default-class\":\"true\"}},"
            + "\"driver\":\"ebs.csi.aws.com\",\"deletionPolicy\":\"Delete\"}]}")
        .always();
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    api.takeRequests();

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString(), "--strategy-order", "job-per-pvc,csi-snapshot");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(api.takeRequests()).filteredOn(request -> request.contains("snapshot.storage.k8s.io"))
        .containsExactly("GET " + CLASSES, "GET " + GROUP);
  }

  @Test
  void defaultCommandLineMakesNoSnapshotRequest() throws Exception {
    LiveCluster.mountedClaim(api.client());
    Path kubeconfig = TestKubeconfig.write(dir, api.baseUrl(), "t");
    api.takeRequests();

    CliRun run = CliRun.of("plan", "--kubeconfig", kubeconfig.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(api.takeRequests()).isNotEmpty()
        .noneMatch(request -> request.contains("snapshot.storage.k8s.io"));
  }

  @Test
  void sampleArchiveHasACsiVolumeWhoseDriverHasADefaultSnapshotClass() throws Exception {
    PlanCommand plan = parse("--sample");
    ClusterSnapshot sample = plan.source.backups(plan.namespaces, plan.planning, Optional.empty()).snapshot();

    Claim archive = sample.claims().stream()
        .filter(claim -> claim.namespace().equals("shop") && claim.name().equals("archive"))
        .findFirst().orElseThrow();
    assertThat(archive.storageClassName()).contains("ebs-gp3");
    assertThat(sample.volume(archive.volumeName().orElseThrow()).orElseThrow().csiDriver())
        .contains("ebs.csi.aws.com");
    assertThat(sample.snapshotClasses()).singleElement().satisfies(ebs -> {
      assertThat(ebs.name()).isEqualTo("ebs-snapshots");
      assertThat(ebs.driver()).isEqualTo("ebs.csi.aws.com");
      assertThat(ebs.isDefault()).isTrue();
    });
    assertThat(sample.notes()).noneMatch(note -> note.contains("VolumeSnapshotClass"));
  }

  private static PlanCommand parse(String... args) {
    PlanCommand plan = new PlanCommand();
    new CommandLine(plan).parseArgs(args);
    return plan;
  }
}

package io.k8up.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.Claim;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.MockApiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A file's VolumeSnapshotClasses are always read; a live read lists them, and discovers the
 * snapshot API group, only when the strategy order names {@code csi-snapshot}. That strategy is
 * not installed in this module yet, so {@code --strategy-order} would reject it in a whole
 * command: the wiring is tested on {@link SourceOptions} itself.
 */
@Timeout(60)
class SnapshotClassReadingTest {

  private static final String CLASSES = "/apis/snapshot.storage.k8s.io/v1/volumesnapshotclasses";
  private static final String GROUP = "/apis/snapshot.storage.k8s.io/v1";

  @RegisterExtension final MockApiServer api = new MockApiServer();
  @TempDir Path dir;

  @Test
  void strategyOrderOptionDecidesWhetherClassesAreRead() {
    assertThat(parse("--strategy-order", "job-per-pvc,csi-snapshot").readsSnapshotClasses()).isTrue();
    assertThat(parse("--strategy-order", "csi-snapshot").readsSnapshotClasses()).isTrue();
    assertThat(parse("--strategy-order", "job-per-pvc,ephemeral-container").readsSnapshotClasses()).isFalse();
    assertThat(parse().readsSnapshotClasses()).isFalse();
  }

  @Test
  void withCsiSnapshotTheLiveReadListsClassesAndDiscoversTheGroupOncePerCommand() throws Exception {
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
    SourceOptions options = parse("--strategy-order", "job-per-pvc,csi-snapshot");
    Kubeconfigs.Connection connection = new Kubeconfigs.Connection(api.client(), "team-a");
    api.takeRequests();

    ClusterSnapshot first = options.readLive(connection, List.of("team-a"));
    List<String> firstRequests = api.takeRequests();
    ClusterSnapshot second = options.readLive(connection, List.of("team-a"));
    List<String> secondRequests = api.takeRequests();

    assertThat(firstRequests).filteredOn(request -> request.contains("snapshot.storage.k8s.io"))
        .containsExactly("GET " + CLASSES, "GET " + GROUP);
    assertThat(secondRequests).noneMatch(request -> request.contains("snapshot.storage.k8s.io"));
    SnapshotClass ebs = SnapshotClass.builder().name("ebs").driver("ebs.csi.aws.com")
        .putAnnotations(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true").build();
    assertThat(first.snapshotClasses()).containsExactly(ebs);
    assertThat(second.snapshotClasses()).containsExactly(ebs);
    assertThat(first.claims()).hasSize(1);
    assertThat(second.capabilities().serves("snapshot.storage.k8s.io/v1/volumesnapshots")).contains(true);
  }

  @Test
  void withoutCsiSnapshotNoSnapshotRequestIsMade() throws Exception {
    LiveCluster.mountedClaim(api.client());
    SourceOptions options = parse("--strategy-order", "job-per-pvc");
    api.takeRequests();

    ClusterSnapshot snapshot =
        options.readLive(new Kubeconfigs.Connection(api.client(), "team-a"), List.of("team-a"));

    assertThat(api.takeRequests()).noneMatch(request -> request.contains("snapshot.storage.k8s.io"));
    assertThat(snapshot.snapshotClasses()).isEmpty();
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
    ClusterSnapshot sample = parse("--sample").snapshot();

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

  private static SourceOptions parse(String... args) {
    PlanCommand plan = new PlanCommand();
    new CommandLine(plan).parseArgs(args);
    return plan.source;
  }
}

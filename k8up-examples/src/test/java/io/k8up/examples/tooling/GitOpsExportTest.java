package io.k8up.examples.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.RunId;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.Yaml;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitOps export, run on the bundled sample cluster as a tool author would run it. */
class GitOpsExportTest {

  static final RunId RUN_ID = RunId.of("gitops-1");
  static final BackupToolSpec TOOL = BackupToolSpec.restic("k8up-rwo-repository").build();

  @TempDir Path out;

  static ClusterSnapshot sample() throws IOException, SnapshotException {
    try (Reader reader = new InputStreamReader(
        GitOpsExportTest.class.getResourceAsStream("/io/k8up/examples/sample-cluster.yaml"), StandardCharsets.UTF_8)) {
      return SnapshotFiles.read("sample-cluster.yaml", reader);
    }
  }

  @Test
  void writesOneManifestFilePerNamespaceWithBackups() throws Exception {
    BackupPlan plan = GitOpsExport.export(sample(), RUN_ID, TOOL, out);

    assertThat(files(out)).containsExactly("README.txt", "blog/k8up-rwo-backup.yaml", "plan.json",
        "shop/k8up-rwo-backup.yaml");
    List<Object> shop = Yaml.loadAll(manifest("shop"));
    assertThat(shop).isNotEmpty().allSatisfy(object -> assertThat(object).isInstanceOf(V1Job.class));
    assertThat(shop).map(V1Job.class::cast).allSatisfy(job -> {
      assertThat(job.getMetadata().getNamespace()).isEqualTo("shop");
      assertThat(job.getMetadata().getName()).startsWith("k8up-rwo-gitops-1-");
    });
    assertThat(shop).map(job -> ((V1Job) job).getMetadata().getAnnotations().get("k8up.io/claims"))
        .containsExactlyInAnyOrder("assets", "data-web-0", "logs", "reports", "scratch");
    assertThat(Yaml.loadAll(manifest("blog"))).singleElement().isInstanceOfSatisfying(V1Pod.class, pod -> {
      assertThat(pod.getMetadata().getName()).isEqualTo("ghost-0");
      assertThat(pod.getSpec().getEphemeralContainers()).hasSize(1);
    });
    assertThat(plan.hasFailures()).isTrue();
  }

  @Test
  void summaryListsWhatIsNotBackedUpWithTheReason() throws Exception {
    GitOpsExport.export(sample(), RUN_ID, TOOL, out);

    String summary = Files.readString(out.resolve(GitOpsExport.SUMMARY_FILE));
    assertThat(summary).startsWith("k8up-rwo backup, run gitops-1: 6 claims in blog, shop.\n")
        .contains("- FAIL PersistentVolumeClaim shop/archive: NO_NODE: No pod mounts this ReadWriteOnce claim")
        .contains("- SKIP PersistentVolumeClaim shop/cache: OPTED_OUT: ")
        .as("the plan wants the backup command, but no manifest runs it")
        .contains("- BACKUP Pod shop/db-0: BACKUP_COMMAND: ");
    assertThat(summary.lines().filter(line -> line.startsWith("- ")))
        .hasSize(5).noneSatisfy(line -> assertThat(line).contains("shop/logs"));
  }

  @Test
  void planJsonIsTheVersionedContract() throws Exception {
    GitOpsExport.export(sample(), RUN_ID, TOOL, out);

    JsonObject plan = JsonParser.parseString(Files.readString(out.resolve(GitOpsExport.PLAN_FILE))).getAsJsonObject();
    assertThat(plan.get("schemaVersion").getAsInt()).isEqualTo(1);
    assertThat(plan.getAsJsonArray("decisions")).isNotEmpty();
  }

  @Test
  void sameSnapshotAndRunIdGiveByteIdenticalFiles(@TempDir Path again) throws Exception {
    GitOpsExport.export(sample(), RUN_ID, TOOL, out);
    GitOpsExport.export(sample(), RUN_ID, TOOL, again);

    assertThat(files(again)).isEqualTo(files(out));
    for (String file : files(out)) {
      assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(out.resolve(file)));
    }
  }

  @Test
  void aNamespaceWithoutBackupsLosesItsManifestFile() throws Exception {
    GitOpsExport.export(sample(), RUN_ID, TOOL, out);
    GitOpsExport.export(sample().inNamespaces(List.of("blog")), RUN_ID, TOOL, out);

    assertThat(files(out)).containsExactly("README.txt", "blog/k8up-rwo-backup.yaml", "plan.json");
  }

  @Test
  void mainExportsASnapshotFile(@TempDir Path in) throws Exception {
    Path cluster = in.resolve("cluster.yaml");
    try (var sample = GitOpsExportTest.class.getResourceAsStream("/io/k8up/examples/sample-cluster.yaml")) {
      Files.copy(sample, cluster);
    }
    GitOpsExport.main(new String[] {cluster.toString(), out.toString(), RUN_ID.value()});

    assertThat(files(out)).containsExactly("README.txt", "blog/k8up-rwo-backup.yaml", "plan.json",
        "shop/k8up-rwo-backup.yaml");
  }

  private String manifest(String namespace) throws IOException {
    return Files.readString(out.resolve(namespace).resolve(GitOpsExport.MANIFEST_FILE));
  }

  /** The regular files under {@code directory}, relative, sorted, with {@code /} between names. */
  private static List<String> files(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(Files::isRegularFile).map(path -> directory.relativize(path).toString().replace('\\', '/'))
          .sorted().toList();
    }
  }
}

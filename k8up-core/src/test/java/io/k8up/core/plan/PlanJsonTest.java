package io.k8up.core.plan;

import static io.k8up.core.model.AccessMode.READ_WRITE_MANY;
import static io.k8up.core.model.AccessMode.READ_WRITE_ONCE;
import static io.k8up.core.testing.Fixtures.annotation;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.testing.TestStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's JSON form, field by field, as docs/plan-json.md documents it. */
class PlanJsonTest {

  private static final NodeSelectorTerm TERM = NodeSelectorTerm.builder()
      .addMatchExpressions(NodeSelectorRequirement.of("topology.kubernetes.io/zone", "NotIn", List.of("z1", "z2")))
      .addMatchExpressions(NodeSelectorRequirement.of("disk", "Exists", List.of()))
      .addMatchFields(NodeSelectorRequirement.of("metadata.name", "In", List.of("worker-3")))
      .build();

  private final ClusterSnapshot snapshot = ClusterSnapshot.of(
      List.of(
          boundClaim("data", READ_WRITE_ONCE).build(),
          boundClaim("cache", READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.BACKUP, "false")).build(),
          boundClaim("local", READ_WRITE_ONCE).build(),
          boundClaim("pinned", READ_WRITE_ONCE).annotations(annotation(K8upAnnotations.HOSTNAME, "worker-9")).build(),
          boundClaim("shared", READ_WRITE_MANY).build()),
      List.of(volumeFor("data").build(), volumeFor("cache").build(), volumeFor("local").addRequiredNodeAffinity(TERM).build(),
          volumeFor("pinned").build(), volumeFor("shared").build()),
      List.of(
          runningPod("app-0", "worker-2", "data").build(),
          runningPod("db-0", "worker-1").putAnnotations(K8upAnnotations.BACKUP_COMMAND, "mysqldump --all")
              .putAnnotations(K8upAnnotations.FILE_EXTENSION, ".sql").build()));

  @Test
  void planIsOneVersionedObjectWithDecisionsInPlanOrder() {
    JsonObject json = parse(BackupPlanner.builder().build().plan(snapshot));

    assertThat(json.get("schemaVersion").getAsInt()).isEqualTo(1);
    JsonArray decisions = json.getAsJsonArray("decisions");
    assertThat(decisions).hasSize(6);
    assertThat(decisions.get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("cache");
    assertThat(decisions.get(5).getAsJsonObject().get("kind").getAsString()).isEqualTo("Pod");
    assertThat(json.getAsJsonArray("notes")).isEmpty();
  }

  @Test
  void everyPlacementTypeHasItsFields() {
    JsonArray decisions = parse(BackupPlanner.builder().build().plan(snapshot)).getAsJsonArray("decisions");

    JsonObject cache = decisions.get(0).getAsJsonObject();
    assertThat(cache.get("action").getAsString()).isEqualTo("SKIP");
    assertThat(cache.get("reason").getAsString()).isEqualTo("OPTED_OUT");
    assertThat(cache.has("placement")).isFalse();
    assertThat(placement(decisions, 1).toString())
        .isEqualTo("{\"type\":\"POD_NODE\",\"node\":\"worker-2\",\"samePodOnly\":false}");
    assertThat(placement(decisions, 2).toString()).isEqualTo(
        "{\"type\":\"PV_NODE_AFFINITY\",\"nodeSelectorTerms\":[{\"matchExpressions\":["
            + "{\"key\":\"topology.kubernetes.io/zone\",\"operator\":\"NotIn\",\"values\":[\"z1\",\"z2\"]},"
            + "{\"key\":\"disk\",\"operator\":\"Exists\"}],"
            + "\"matchFields\":[{\"key\":\"metadata.name\",\"operator\":\"In\",\"values\":[\"worker-3\"]}]}]}");
    assertThat(placement(decisions, 3).toString()).isEqualTo("{\"type\":\"HOSTNAME\",\"hostname\":\"worker-9\"}");
    assertThat(placement(decisions, 4).toString()).isEqualTo("{\"type\":\"ANY\"}");
  }

  @Test
  void commandDecisionCarriesCommandContainerExtensionAndNode() {
    JsonObject pod = parse(BackupPlanner.builder().build().plan(snapshot)).getAsJsonArray("decisions").get(5).getAsJsonObject();

    assertThat(pod.get("reason").getAsString()).isEqualTo("BACKUP_COMMAND");
    assertThat(pod.get("command").getAsString()).isEqualTo("mysqldump --all");
    assertThat(pod.get("container").getAsString()).isEqualTo("app");
    assertThat(pod.get("fileExtension").getAsString()).isEqualTo(".sql");
    assertThat(pod.get("node").getAsString()).isEqualTo("worker-1");
  }

  @Test
  void strategyAppearsOnceChosen() {
    BackupPlanner withStrategy = BackupPlanner.builder()
        .strategies(List.of(TestStrategy.nodeBound("job-per-pvc", target -> true, ""))).build();
    JsonArray decisions = parse(withStrategy.plan(snapshot)).getAsJsonArray("decisions");

    assertThat(decisions.get(1).getAsJsonObject().get("strategy").getAsString()).isEqualTo("job-per-pvc");
    assertThat(decisions.get(0).getAsJsonObject().has("strategy")).isFalse();
  }

  private static JsonObject placement(JsonArray decisions, int index) {
    return decisions.get(index).getAsJsonObject().getAsJsonObject("placement");
  }

  private static JsonObject parse(BackupPlan plan) {
    return JsonParser.parseString(PlanJson.toJson(plan)).getAsJsonObject();
  }
}

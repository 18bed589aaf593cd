package io.k8up.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.ClusterSnapshots;
import io.k8up.core.snapshot.SnapshotFiles;
import io.k8up.core.testing.ClusterGenerators;
import io.k8up.core.testing.GeneratedCluster;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Snapshots from fabric8 objects are the snapshots client-java's path makes of the same cluster. */
@Timeout(120)
class Fabric8SnapshotsTest {

  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
  private static final JSON CLIENT_JAVA = new JSON();
  private static final List<String> EFFECTS = List.of("NoSchedule", "NoExecute", "PreferNoSchedule", "");

  /** A generated cluster, with Nodes and VolumeSnapshotClasses, as the API server would list it. */
  private record Listed(List<JsonObject> claims, List<JsonObject> volumes, List<JsonObject> pods,
      List<JsonObject> nodes, List<JsonObject> classes) {

    static Listed of(GeneratedCluster cluster, long seed) {
      Random random = new Random(seed);
      List<JsonObject> nodes = new ArrayList<>();
      for (String name : List.of("node-a", "node-b", "node-c")) {
        if (random.nextInt(4) > 0) {
          JsonArray taints = new JsonArray();
          for (int i = random.nextInt(3); i > 0; i--) {
            JsonObject taint = new JsonObject();
            taint.addProperty("key", "key-" + random.nextInt(3));
            taint.addProperty("effect", EFFECTS.get(random.nextInt(EFFECTS.size())));
            if (random.nextBoolean()) {
              taint.addProperty("value", random.nextBoolean() ? "v" + i : " ");
            }
            taints.add(taint);
          }
          nodes.add(KubernetesJson.node(name, random.nextBoolean() ? name : "host-" + name, taints));
        }
      }
      List<JsonObject> classes = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        var snapshotClass = SnapshotClass.builder().name("class-" + i).driver("driver-" + random.nextInt(2));
        if (random.nextBoolean()) {
          snapshotClass.putAnnotations(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true");
        }
        classes.add(KubernetesJson.snapshotClass(snapshotClass.build()));
      }
      return new Listed(cluster.claims().stream().map(KubernetesJson::claim).toList(),
          cluster.volumes().stream().map(KubernetesJson::volume).toList(),
          cluster.pods().stream().map(KubernetesJson::pod).toList(), nodes, classes);
    }
  }

  // A field from a newer Kubernetes, at the top and inside the spec: fabric8 keeps it, the snapshot ignores it.
  private static <T> List<T> fabric8(List<JsonObject> objects, Class<T> type) {
    List<T> read = new ArrayList<>();
    for (JsonObject object : objects) {
      JsonObject newer = object.deepCopy();
      newer.addProperty("aFieldFromANewerServer", "kept");
      if (newer.has("spec")) {
        newer.getAsJsonObject("spec").add("anotherNewField", new JsonObject());
      }
      read.add(FABRIC8.unmarshal(newer.toString(), type));
    }
    return read;
  }

  private static <T> List<T> clientJava(List<JsonObject> objects, Class<T> type) {
    return objects.stream().map(object -> CLIENT_JAVA.<T>deserialize(object.toString(), type)).toList();
  }

  // client-java's path for what core converts from client-java objects only in its readers: its file reader.
  private static ClusterSnapshot clientJavaPath(Listed listed) throws Exception {
    JsonArray items = new JsonArray();
    listed.nodes().forEach(items::add);
    listed.classes().forEach(items::add);
    JsonObject list = new JsonObject();
    list.addProperty("apiVersion", "v1");
    list.addProperty("kind", "List");
    list.add("items", items);
    ClusterSnapshot clusterWide = SnapshotFiles.read("generated", new StringReader(list.toString()));
    return ClusterSnapshots.of(
            clientJava(listed.claims(), V1PersistentVolumeClaim.class),
            clientJava(listed.volumes(), V1PersistentVolume.class),
            clientJava(listed.pods(), V1Pod.class))
        .withNodes(clusterWide.nodes())
        .withSnapshotClasses(clusterWide.snapshotClasses());
  }

  private static ClusterSnapshot fabric8Path(Listed listed) {
    return Fabric8Snapshots.of(
            fabric8(listed.claims(), PersistentVolumeClaim.class),
            fabric8(listed.volumes(), PersistentVolume.class),
            fabric8(listed.pods(), Pod.class))
        .withNodes(Fabric8Snapshots.nodes(fabric8(listed.nodes(), Node.class)))
        .withSnapshotClasses(Fabric8Snapshots.snapshotClasses(fabric8(listed.classes(), GenericKubernetesResource.class)));
  }

  @Test
  void theSameClusterThroughBothClientsGivesEqualSnapshotsAndPlans() {
    qt().withExamples(300).forAll(ClusterGenerators.clusters(), longs().all()).checkAssert((cluster, seed) -> {
      Listed listed = Listed.of(cluster, seed);
      ClusterSnapshot expected;
      try {
        expected = clientJavaPath(listed);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      ClusterSnapshot actual = fabric8Path(listed);

      assertThat(actual.claims()).isEqualTo(expected.claims()).hasSize(cluster.claims().size());
      assertThat(new HashSet<>(actual.volumes())).isEqualTo(new HashSet<>(expected.volumes()));
      assertThat(actual.pods()).isEqualTo(expected.pods()).hasSize(cluster.pods().size());
      assertThat(actual.nodes()).isEqualTo(expected.nodes()).hasSize(listed.nodes().size());
      assertThat(actual.snapshotClasses()).isEqualTo(expected.snapshotClasses()).hasSize(listed.classes().size());
      assertThat(BackupPlanner.builder().build().plan(actual)).isEqualTo(BackupPlanner.builder().build().plan(expected));
    });
  }

  @Test
  void anObjectThatCannotBeReadIsNamedByItsKindAndPosition() {
    PersistentVolumeClaim named = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
        .withNamespace("shop").endMetadata().build();
    PersistentVolumeClaim unnamespaced = new PersistentVolumeClaimBuilder().withNewMetadata().withName("logs")
        .endMetadata().build();

    assertThatThrownBy(() -> Fabric8Snapshots.of(List.of(named, unnamespaced), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("persistentvolumeclaims[1]: metadata.namespace is missing");
    assertThatThrownBy(() -> Fabric8Snapshots.nodes(List.of(new NodeBuilder().build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes[0]: metadata.name is missing");
    GenericKubernetesResource driverless = FABRIC8.unmarshal("{\"apiVersion\":\"snapshot.storage.k8s.io/v1\","
        + "\"kind\":\"VolumeSnapshotClass\",\"metadata\":{\"name\":\"c\"}}", GenericKubernetesResource.class);
    assertThatThrownBy(() -> Fabric8Snapshots.snapshotClasses(List.of(driverless)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("volumesnapshotclasses[0]: driver is missing");
  }

  @Test
  void aFieldNestedDeeperThanAnyKubernetesObjectFailsThatObjectNotTheReader() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      deep.append("{\"a\":");
    }
    deep.append("1").append("}".repeat(300));
    Pod pod = FABRIC8.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\","
        + "\"namespace\":\"shop\"},\"tenantField\":" + deep + "}", Pod.class);

    assertThatThrownBy(() -> Fabric8Snapshots.of(List.of(), List.of(), ImmutableList.of(pod)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("pods[0]: cannot be read as JSON");
  }
}

package io.k8up.core.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.internal.adapter.ModelAdapter;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.snapshot.SnapshotException;
import io.k8up.core.snapshot.SnapshotFiles;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1Pod;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fields read straight from the tokens build the model that client-java's objects and {@link
 * ModelAdapter} build (the live read's way), for objects that use every field the model reads;
 * and an object whose kind comes last, read as a tree first, reads the same.
 */
class ObjectFieldsTest {

  private static final String CLAIM = """
      {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
       "metadata": {"name": "data", "namespace": "shop", "uid": "u-1",
                    "annotations": {"k8up.io/backup": "true", "empty": null},
                    "creationTimestamp": "2024-02-29T10:00:00+01:00", "labels": {"app": "db"}},
       "spec": {"accessModes": ["ReadWriteOnce", "Unknown", null], "storageClassName": "fast",
                "resources": {"requests": {"storage": "1.5Gi", "cpu": "500m"}, "limits": {"storage": 2e9}},
                "volumeName": "pv-1", "volumeMode": "Filesystem", "dataSource": {"kind": "x"}},
       "status": {"phase": "Bound", "accessModes": ["ReadWriteOncePod"], "capacity": {"storage": "2Gi"}}}""";
  private static final String VOLUME = """
      {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv-1"},
       "spec": {"csi": {"driver": "ebs.csi.aws.com", "volumeHandle": "v"},
                "nodeAffinity": {"required": {"nodeSelectorTerms": [
                  {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", null]}],
                   "matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["n1"]}]},
                  null, {}]}}}}""";
  private static final String POD = """
      {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "db-0", "namespace": "shop", "uid": "p-1", "labels": {"app": "db"},
                    "annotations": {"a": "b"}, "deletionTimestamp": "2024-01-01T00:00:00Z",
                    "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "x", "uid": "o-0"},
                                        {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db",
                                         "uid": "o-1", "controller": true, "blockOwnerDeletion": true}]},
       "spec": {"nodeName": "worker-1",
                "containers": [{"name": "db", "image": "db:1", "env": [{"name": "A", "value": "1"}]}, null],
                "ephemeralContainers": [{"name": "debug"}],
                "securityContext": {"runAsUser": 1000, "runAsGroup": "2000", "fsGroup": 3000},
                "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "storage",
                                 "effect": "NoSchedule", "tolerationSeconds": 60}, {"operator": "Exists"}],
                "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "data", "readOnly": false}},
                            {"name": "scratch", "ephemeral": {"volumeClaimTemplate": {}}},
                            {"name": "tmp", "emptyDir": {}}, {"persistentVolumeClaim": {"claimName": "x"}}]},
       "status": {"phase": "Running", "conditions": [{"type": "Ready"}]}}""";
  private static final String NODE = """
      {"apiVersion": "v1", "kind": "Node",
       "metadata": {"name": "worker-1", "labels": {"kubernetes.io/hostname": "w1"}},
       "spec": {"taints": [{"key": "dedicated", "value": "storage", "effect": "NoSchedule",
                            "timeAdded": "2024-01-01T00:00:00Z"}, {"key": "no-effect"}]}}""";

  @Test
  void fieldsReadFromTokensBuildWhatClientJavaObjectsBuild() throws SnapshotException {
    ClusterSnapshot snapshot = read(List.of(CLAIM, VOLUME, POD, NODE));

    assertThat(snapshot.claims())
        .containsExactly(ModelAdapter.claim(ModelGson.fromTree(tree(CLAIM), V1PersistentVolumeClaim.class)));
    assertThat(snapshot.volumes())
        .containsExactly(ModelAdapter.volume(ModelGson.fromTree(tree(VOLUME), V1PersistentVolume.class)));
    assertThat(snapshot.pods()).containsExactly(ModelAdapter.pod(ModelGson.fromTree(tree(POD), V1Pod.class)));
    assertThat(snapshot.nodes()).containsExactly(ModelAdapter.node(ModelGson.fromTree(tree(NODE), V1Node.class)));
    assertThat(snapshot.pods().get(0).claimVolumes()).hasSize(2);
    assertThat(snapshot.claims().get(0).requestedBytes()).contains(1_610_612_736L);
  }

  @Test
  void anObjectWhoseKindComesLastReadsTheSame() throws SnapshotException {
    List<String> kindLast = List.of(CLAIM, VOLUME, POD, NODE).stream().map(ObjectFieldsTest::kindLast).toList();

    ClusterSnapshot streamed = read(List.of(CLAIM, VOLUME, POD, NODE));
    ClusterSnapshot fromTrees = read(kindLast);

    assertThat(fromTrees.claims()).isEqualTo(streamed.claims());
    assertThat(fromTrees.volumes()).isEqualTo(streamed.volumes());
    assertThat(fromTrees.pods()).isEqualTo(streamed.pods());
    assertThat(fromTrees.nodes()).isEqualTo(streamed.nodes());
  }

  @Test
  void aWrongTypeIsNamedTheSameWhetherStreamedOrReadAsATree() {
    String pod = POD.replace("\"fsGroup\": 3000", "\"fsGroup\": [3000]");

    for (String object : List.of(pod, kindLast(pod))) {
      assertThat(failure(object)).isEqualTo("test.json: document 1, items[0] (Pod shop/db-0):"
          + " spec.securityContext.fsGroup: expected an integer");
    }
  }

  @Test
  void quantitiesWithTheExaSuffixesAreReadAndBounded() throws SnapshotException {
    assertThat(read(List.of(CLAIM.replace("1.5Gi", "1E"))).claims().get(0).requestedBytes())
        .contains(1_000_000_000_000_000_000L);
    assertThat(read(List.of(CLAIM.replace("1.5Gi", "7Ei"))).claims().get(0).requestedBytes())
        .contains(7L << 60);
    assertThat(failure(CLAIM.replace("1.5Gi", "9Ei"))).endsWith(
        "spec.resources.requests.storage: expected a quantity such as 10Gi or 500m, below 2^63 (8Ei)");
  }

  @Test
  void fieldsTheModelDoesNotReadAreSkippedButStillCheckedForDuplicateKeysAndCounted() throws SnapshotException {
    String duplicate = POD.replace("\"env\": [{\"name\": \"A\", \"value\": \"1\"}]",
        "\"env\": [{\"name\": \"A\", \"value\": \"1\", \"value\": \"2\"}]");
    String wrongType = POD.replace("\"image\": \"db:1\"", "\"image\": 5");
    String tooMany = VOLUME.replace("\"volumeHandle\": \"v\"",
        "\"volumeHandle\": \"v\", \"volumeAttributes\": [" + "1,".repeat(300_000) + "1]");

    assertThat(failure(duplicate)).isEqualTo("test.json: document 1, items[0] (Pod shop/db-0):"
        + " spec.containers[0].env[0].value: the key appears twice in its mapping; keep one");
    assertThat(read(List.of(wrongType)).pods()).hasSize(1);
    assertThat(failure(tooMany)).startsWith("test.json: holds an object with more than 250000 values");
  }

  private static String kindLast(String json) {
    JsonObject object = tree(json).getAsJsonObject();
    JsonObject reordered = new JsonObject();
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      if (!member.getKey().equals("kind") && !member.getKey().equals("apiVersion")) {
        reordered.add(member.getKey(), member.getValue());
      }
    }
    reordered.add("apiVersion", object.get("apiVersion"));
    reordered.add("kind", object.get("kind"));
    return reordered.toString();
  }

  private static JsonElement tree(String json) {
    return JsonParser.parseString(json);
  }

  private static ClusterSnapshot read(List<String> items) throws SnapshotException {
    return SnapshotFiles.read("test.json", new StringReader(list(items)));
  }

  private static String failure(String item) {
    try {
      read(List.of(item));
    } catch (SnapshotException e) {
      return e.getMessage();
    }
    throw new AssertionError("read without a problem");
  }

  private static String list(List<String> items) {
    return "{\"apiVersion\": \"v1\", \"items\": [" + String.join(",", items) + "], \"kind\": \"List\"}";
  }
}

package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.Node;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.model.Taint;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

  static final String CLAIM =
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data
        namespace: shop
        creationTimestamp: 2024-01-01T00:00:00Z
        annotations:
          k8up.io/backup: "true"
      spec:
        accessModes: [ReadWriteOnce]
        volumeName: pv-1
        resources:
          requests:
            storage: 10Gi
      status:
        phase: Bound
        accessModes: [ReadWriteOnce]
      """;

  static final String VOLUME =
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata:
        name: pv-1
      spec:
        capacity:
          storage: 10Gi
        nodeAffinity:
          required:
            nodeSelectorTerms:
            - matchExpressions:
              - key: kubernetes.io/hostname
                operator: In
                values: [node-a]
      """;

  static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: db-0
        namespace: shop
        creationTimestamp: "2024-01-01T00:00:00Z"
      spec:
        nodeName: node-a
        containers:
        - name: db
          image: postgres
          ports:
          - containerPort: 5432
        volumes:
        - name: data
          persistentVolumeClaim:
            claimName: data
      status:
        phase: Running
        startTime: 2024-01-01T00:00:01Z
      """;

  static final String NODE =
      """
      apiVersion: v1
      kind: Node
      metadata:
        name: ip-10-0-0-7.ec2.internal
        labels:
          kubernetes.io/hostname: ip-10-0-0-7
          topology.kubernetes.io/zone: eu-west-1a
      spec:
        podCIDR: 10.244.1.0/24
        taints:
        - key: dedicated
          value: storage
          effect: NoSchedule
        - key: node.kubernetes.io/unreachable
          effect: NoExecute
          timeAdded: "2024-01-01T00:00:00Z"
      status:
        capacity: {cpu: "4", memory: 16Gi}
        conditions:
        - {type: Ready, status: "True"}
      """;

  static final String SNAPSHOT_CLASS =
      """
      apiVersion: snapshot.storage.k8s.io/v1
      kind: VolumeSnapshotClass
      metadata:
        name: ebs-snapshots
        annotations:
          snapshot.storage.kubernetes.io/is-default-class: "true"
      driver: ebs.csi.aws.com
      deletionPolicy: Delete
      parameters:
        tagSpecification_1: "team=shop"
      """;

  static ClusterSnapshot read(String text) throws SnapshotException {
    return SnapshotFiles.read("test.yaml", new StringReader(text));
  }

  @Test
  void multiDocumentYamlYieldsClaimsVolumesAndPods() throws Exception {
    ClusterSnapshot snapshot = read(CLAIM + "---\n" + VOLUME + "---\n" + POD);

    Claim claim = snapshot.claims().get(0);
    assertThat(claim.namespace()).isEqualTo("shop");
    assertThat(claim.name()).isEqualTo("data");
    assertThat(claim.phase()).isEqualTo(ClaimPhase.BOUND);
    assertThat(claim.volumeName()).contains("pv-1");
    assertThat(claim.accessModes()).containsExactly(AccessMode.READ_WRITE_ONCE);
    assertThat(claim.annotations()).containsEntry("k8up.io/backup", "true");
    assertThat(snapshot.volume("pv-1").orElseThrow().requiredNodeAffinity()).hasSize(1);
    Pod pod = snapshot.pods().get(0);
    assertThat(pod.nodeName()).contains("node-a");
    assertThat(pod.claimVolumes()).containsExactly(PodVolume.of("data", "data"));
    assertThat(snapshot.notes()).isEmpty();
  }

  @Test
  void nodesAreKeptWithTheirHostnameLabelAndTaints() throws Exception {
    ClusterSnapshot snapshot = read(CLAIM + "---\n" + NODE);

    Node node = snapshot.node("ip-10-0-0-7.ec2.internal").orElseThrow();
    assertThat(node.hostname()).contains("ip-10-0-0-7");
    assertThat(node.taints()).containsExactly(
        Taint.builder().key("dedicated").value("storage").effect("NoSchedule").build(),
        Taint.builder().key("node.kubernetes.io/unreachable").effect("NoExecute").build());
    assertThat(snapshot.nodeWithHostname("ip-10-0-0-7")).contains(node);
    assertThat(snapshot.notes()).isEmpty();
  }

  @Test
  void typedNodeListIsExpandedAndSortedByName() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: NodeList
        items:
        - metadata: {name: worker-2}
        - metadata: {name: worker-1}
        """;

    assertThat(read(yaml).nodes()).extracting(Node::name).containsExactly("worker-1", "worker-2");
  }

  @Test
  void volumeSnapshotClassesAreKeptWithDriverAndAnnotations() throws Exception {
    ClusterSnapshot snapshot = read(SNAPSHOT_CLASS + "---\n" + CLAIM);

    assertThat(snapshot.snapshotClasses()).containsExactly(SnapshotClass.builder()
        .name("ebs-snapshots")
        .driver("ebs.csi.aws.com")
        .putAnnotations(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true")
        .build());
    assertThat(snapshot.snapshotClasses().get(0).isDefault()).isTrue();
    assertThat(snapshot.notes()).isEmpty();
    assertThat(snapshot.claims()).hasSize(1);
  }

  @Test
  void volumeSnapshotClassesInListsAreKeptAndSortedByName() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: snapshot.storage.k8s.io/v1
          kind: VolumeSnapshotClass
          metadata: {name: gp3}
          driver: ebs.csi.aws.com
        - apiVersion: v1
          kind: PersistentVolume
          metadata: {name: pv-1}
        ---
        apiVersion: snapshot.storage.k8s.io/v1
        kind: VolumeSnapshotClassList
        metadata: {resourceVersion: "42"}
        items:
        - metadata: {name: pd}
          driver: pd.csi.storage.gke.io
          deletionPolicy: Retain
        - metadata: {name: csi-hostpath}
          driver: hostpath.csi.k8s.io
        """;

    ClusterSnapshot snapshot = read(yaml);

    assertThat(snapshot.snapshotClasses())
        .extracting(SnapshotClass::name, SnapshotClass::driver)
        .containsExactly(
            tuple("csi-hostpath", "hostpath.csi.k8s.io"),
            tuple("gp3", "ebs.csi.aws.com"),
            tuple("pd", "pd.csi.storage.gke.io"));
    assertThat(snapshot.volume("pv-1")).isPresent();
    assertThat(snapshot.notes()).isEmpty();
  }

  @Test
  void volumeSnapshotClassOfAnotherApiVersionIsIgnoredWithItsVersion() throws Exception {
    ClusterSnapshot snapshot = read(SNAPSHOT_CLASS.replace("/v1", "/v1beta1") + "---\n"
        + "apiVersion: v1\nkind: VolumeSnapshotClass\nmetadata: {name: core}\ndriver: d\n");

    assertThat(snapshot.snapshotClasses()).isEmpty();
    assertThat(snapshot.notes()).containsExactly(
        "ignored 1 object of kind VolumeSnapshotClass (snapshot.storage.k8s.io/v1beta1),"
            + " 1 of kind VolumeSnapshotClass (v1)");
  }

  @Test
  void jsonObjectIsRecognisedByItsFirstCharacter() throws Exception {
    String json =
        """

          {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "db-0", "namespace": "shop",
                        "creationTimestamp": "2024-01-01T00:00:00Z"},
           "spec": {"containers": [{"name": "db"}]}}
        """;

    ClusterSnapshot snapshot = read(json);

    assertThat(snapshot.pods()).extracting(Pod::name).containsExactly("db-0");
  }

  @Test
  void kubectlJsonListIsExpanded() throws Exception {
    String json =
        """
        {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
         "items": [
           {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv-1"}},
           {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv-2"}}]}
        """;

    assertThat(read(json).volumes()).hasSize(2);
  }

  @Test
  void kubectlYamlListOfMixedKindsIsExpanded() throws Exception {
    String yaml =
        "apiVersion: v1\nkind: List\nitems:\n"
            + indentAsItem(CLAIM)
            + indentAsItem(POD)
            + "metadata:\n  resourceVersion: \"\"\n";

    ClusterSnapshot snapshot = read(yaml);

    assertThat(snapshot.claims()).hasSize(1);
    assertThat(snapshot.pods()).hasSize(1);
  }

  @Test
  void itemsOfATypedListInheritKindAndApiVersion() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: PodList
        items:
        - metadata: {name: a, namespace: shop}
        - metadata: {name: b, namespace: shop}
        """;

    assertThat(read(yaml).pods()).extracting(Pod::name).containsExactly("a", "b");
  }

  @Test
  void typedClaimAndVolumeListsAreExpanded() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: PersistentVolumeClaimList
        items:
        - metadata: {name: data, namespace: shop}
        ---
        apiVersion: v1
        kind: PersistentVolumeList
        items:
        - metadata: {name: pv-1}
        """;

    ClusterSnapshot snapshot = read(yaml);

    assertThat(snapshot.claims()).extracting(Claim::name).containsExactly("data");
    assertThat(snapshot.volume("pv-1")).isPresent();
  }

  @Test
  void explicitlyEmptyListIsAnEmptySnapshot() throws Exception {
    ClusterSnapshot snapshot = read("apiVersion: v1\nkind: List\nitems: []\n");

    assertThat(snapshot.claims()).isEmpty();
    assertThat(snapshot.pods()).isEmpty();
    assertThat(snapshot.volumes()).isEmpty();
  }

  @Test
  void otherKindsAreSummarisedInOneNote() throws Exception {
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d%s}\n";
    String yaml =
        String.join(
            "---\n",
            deployment.formatted(1),
            "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\n",
            deployment.formatted(2),
            POD,
            NODE,
            deployment.formatted(3));

    ClusterSnapshot snapshot = read(yaml);

    assertThat(snapshot.notes())
        .containsExactly("ignored 3 objects of kind Deployment, 1 of kind Service");
    assertThat(snapshot.pods()).hasSize(1);
    assertThat(snapshot.nodes()).hasSize(1);
  }

  @Test
  void keptKindOfAnotherApiVersionIsIgnoredWithItsVersion() throws Exception {
    ClusterSnapshot snapshot =
        read("apiVersion: example.com/v2\nkind: Pod\nmetadata: {name: p, namespace: shop}\n");

    assertThat(snapshot.pods()).isEmpty();
    assertThat(snapshot.notes()).containsExactly("ignored 1 object of kind Pod (example.com/v2)");
    assertThat(read("apiVersion: example.com/v2\nkind: Node\nmetadata: {name: n}\n").notes())
        .containsExactly("ignored 1 object of kind Node (example.com/v2)");
  }

  @Test
  void claimNamingAMissingVolumeAndPodNamingAMissingClaimLoad() throws Exception {
    ClusterSnapshot snapshot = read(CLAIM + "---\n" + POD.replace("claimName: data", "claimName: gone"));

    assertThat(snapshot.claims().get(0).volumeName()).contains("pv-1");
    assertThat(snapshot.volume("pv-1")).isEmpty();
    assertThat(snapshot.pods().get(0).claimVolumes()).containsExactly(PodVolume.of("data", "gone"));
  }

  @Test
  void oddAnnotationValuesPassThroughVerbatim() throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: data
          namespace: shop
          annotations:
            empty: ""
            spaces: "  padded  "
            unicode: "Zürich ✓ 東京"
            quoted-bool: "false"
            octal: "0755"
            exponent: '1e3'
            sexagesimal: 1:20
            quoted-yes: "yes"
            nothing:
            multiline: |
              line one
              line two
            json: '{"a": [1, 2]}'
        """;

    Claim claim = read(yaml).claims().get(0);

    assertThat(claim.annotations())
        .containsEntry("empty", "")
        .containsEntry("spaces", "  padded  ")
        .containsEntry("unicode", "Zürich ✓ 東京")
        .containsEntry("quoted-bool", "false")
        .containsEntry("octal", "0755")
        .containsEntry("exponent", "1e3")
        .containsEntry("sexagesimal", "1:20")
        .containsEntry("quoted-yes", "yes")
        .containsEntry("nothing", "")
        .containsEntry("multiline", "line one\nline two\n")
        .containsEntry("json", "{\"a\": [1, 2]}");
  }

  @Test
  void unquotedBooleansAndNumbersWhereAStringBelongsAreRefusedAsTheApiServerDoes() {
    String yaml =
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: data
          namespace: shop
          annotations:
            k8up.io/backup: no
            octal: 0755
            exponent: 1e3
            bare-bool: true
        """;

    SnapshotException e = SnapshotFilesErrorTest.failure(yaml);

    assertThat(e).hasMessage("test.yaml: document 1 (PersistentVolumeClaim shop/data):"
        + " metadata.annotations[\"k8up.io/backup\"]: expected a string, not a boolean; quote it"
        + " (unquoted yes, no, on, off, true, false and numbers are not strings)");
    for (String other : new String[] {"octal", "exponent", "bare-bool"}) {
      String value = other.equals("bare-bool") ? "a boolean" : "a number";
      assertThat(SnapshotFilesErrorTest.failure(yaml.replace("k8up.io/backup: no", "k8up.io/backup: \"no\"")
              .replaceAll("\n    (?!" + other + ":)[a-z-]+: [^\n]+", "")))
          .hasMessageContaining("metadata.annotations." + other + ": expected a string, not " + value);
    }
  }

  @Test
  void fieldsUnknownToClientJavaAreIgnored() throws Exception {
    String yaml =
        POD.replace("  nodeName: node-a\n", "  nodeName: node-a\n  fieldFromTheFuture: {x: 1}\n")
            .replace("  namespace: shop\n", "  namespace: shop\n  newMetadataField: 7\n")
            .replace("    image: postgres\n", "    image: postgres\n    futureOption: true\n");

    Pod pod = read(yaml).pods().get(0);

    assertThat(pod.nodeName()).contains("node-a");
    assertThat(pod.containerNames()).containsExactly("db");
  }

  @Test
  void fileIsReadFromAPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(file, CLAIM + "---\n" + POD, StandardCharsets.UTF_8);

    ClusterSnapshot snapshot = SnapshotFiles.read(file);

    assertThat(snapshot.claims()).hasSize(1);
    assertThat(snapshot.pods()).hasSize(1);
  }

  @Test
  void emptyDocumentsBetweenSeparatorsAreSkipped() throws Exception {
    assertThat(read("---\n---\n" + POD + "---\n").pods()).hasSize(1);
  }

  static String indentAsItem(String object) {
    StringBuilder item = new StringBuilder();
    String[] lines = object.split("\n");
    for (int i = 0; i < lines.length; i++) {
      item.append(i == 0 ? "- " : "  ").append(lines[i]).append('\n');
    }
    return item.toString();
  }
}

package io.k8up.core.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimPhase;
import io.k8up.core.model.Node;
import io.k8up.core.model.NodeSelectorRequirement;
import io.k8up.core.model.NodeSelectorTerm;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.model.PodPhase;
import io.k8up.core.model.PodVolume;
import io.k8up.core.model.SnapshotClass;
import io.k8up.core.model.Taint;
import io.k8up.core.model.Toleration;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1CSIPersistentVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1EphemeralVolumeSource;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSelector;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1PersistentVolume;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimStatus;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1PersistentVolumeSpec;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Taint;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeNodeAffinity;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAdapterTest {

  private static V1ObjectMeta meta(String namespace, String name) {
    return new V1ObjectMeta().namespace(namespace).name(name);
  }

  @Test
  void claimCopiesEveryField() {
    V1PersistentVolumeClaim pvc = new V1PersistentVolumeClaim()
        .metadata(meta("shop", "data").annotations(Map.of("k8up.io/backup", "false")))
        .spec(new V1PersistentVolumeClaimSpec()
            .volumeName("pv-1").accessModes(List.of("ReadWriteOncePod", "Bogus"))
            .resources(new V1VolumeResourceRequirements()
                .requests(Map.of("storage", Quantity.fromString("1536Mi")))))
        .status(new V1PersistentVolumeClaimStatus()
            .phase("Bound").accessModes(List.of("ReadWriteOnce")));

    Claim claim = ModelAdapter.claim(pvc);

    assertThat(claim.namespace()).isEqualTo("shop");
    assertThat(claim.name()).isEqualTo("data");
    assertThat(claim.annotations()).containsExactlyEntriesOf(Map.of("k8up.io/backup", "false"));
    assertThat(claim.phase()).isEqualTo(ClaimPhase.BOUND);
    assertThat(claim.volumeName()).contains("pv-1");
    assertThat(claim.specAccessModes()).containsExactly(AccessMode.READ_WRITE_ONCE_POD);
    assertThat(claim.statusAccessModes()).containsExactly(AccessMode.READ_WRITE_ONCE);
    assertThat(claim.requestedBytes()).contains(1536L * 1024 * 1024);
    assertThat(claim.storageClassName()).isEmpty();
    pvc.getSpec().storageClassName("fast-ssd");
    assertThat(ModelAdapter.claim(pvc).storageClassName()).contains("fast-ssd");
  }

  @Test
  void volumeKnowsItsCsiDriver() {
    V1PersistentVolume pv = new V1PersistentVolume().metadata(new V1ObjectMeta().name("pv-1"))
        .spec(new V1PersistentVolumeSpec().csi(new V1CSIPersistentVolumeSource().driver("ebs.csi.aws.com").volumeHandle("vol-1")));
    assertThat(ModelAdapter.volume(pv).csiDriver()).contains("ebs.csi.aws.com");
    pv.getSpec().csi(null);
    assertThat(ModelAdapter.volume(pv).csiDriver()).isEmpty();
  }

  @Test
  void requestedStorageRoundsUpToWholeBytesAndSaturates() {
    V1PersistentVolumeClaim pvc = new V1PersistentVolumeClaim().metadata(meta("shop", "data"))
        .spec(new V1PersistentVolumeClaimSpec().resources(new V1VolumeResourceRequirements()
            .requests(Map.of("storage", Quantity.fromString("1500m")))));
    assertThat(ModelAdapter.claim(pvc).requestedBytes()).contains(2L);

    pvc.getSpec().getResources().requests(Map.of("storage", Quantity.fromString("100Ei")));
    assertThat(ModelAdapter.claim(pvc).requestedBytes()).contains(Long.MAX_VALUE);

    pvc.getSpec().getResources().requests(Map.of("cpu", Quantity.fromString("1")));
    assertThat(ModelAdapter.claim(pvc).requestedBytes()).isEmpty();
  }

  @Test
  void claimWithNullsEverywhereHasEmptyDefaults() {
    V1PersistentVolumeClaim pvc = new V1PersistentVolumeClaim().metadata(meta("shop", "data"));
    pvc.getMetadata().setAnnotations(null);

    Claim claim = ModelAdapter.claim(pvc);

    assertThat(claim.annotations()).isEmpty();
    assertThat(claim.phase()).isEqualTo(ClaimPhase.UNKNOWN);
    assertThat(claim.volumeName()).isEmpty();
    assertThat(claim.specAccessModes()).isEmpty();
    assertThat(claim.statusAccessModes()).isEmpty();

    pvc.spec(new V1PersistentVolumeClaimSpec().volumeName("  ").accessModes(null))
        .status(new V1PersistentVolumeClaimStatus().phase(null).accessModes(Arrays.asList("Lost", null)));
    Claim blank = ModelAdapter.claim(pvc);
    assertThat(blank.volumeName()).isEmpty();
    assertThat(blank.statusAccessModes()).isEmpty();
  }

  @Test
  void claimWithUnknownPhaseIsUnknown() {
    V1PersistentVolumeClaim pvc = new V1PersistentVolumeClaim()
        .metadata(meta("shop", "data")).status(new V1PersistentVolumeClaimStatus().phase("Resizing"));

    assertThat(ModelAdapter.claim(pvc).phase()).isEqualTo(ClaimPhase.UNKNOWN);
  }

  @Test
  void claimWithoutNameOrNamespaceIsRejected() {
    assertThatThrownBy(() -> ModelAdapter.claim(new V1PersistentVolumeClaim()))
        .hasMessage("metadata.name is missing");
    assertThatThrownBy(() -> ModelAdapter.claim(new V1PersistentVolumeClaim().metadata(meta(null, "d"))))
        .hasMessage("metadata.namespace is missing");
  }

  @Test
  void volumeCopiesEveryTermVerbatim() {
    V1PersistentVolume pv = new V1PersistentVolume()
        .metadata(meta(null, "pv-1"))
        .spec(new V1PersistentVolumeSpec().nodeAffinity(new V1VolumeNodeAffinity().required(
            new V1NodeSelector().nodeSelectorTerms(List.of(
                new V1NodeSelectorTerm()
                    .matchExpressions(List.of(new V1NodeSelectorRequirement()
                        .key("topology.kubernetes.io/zone").operator("NotIn").values(List.of("a", "b"))))
                    .matchFields(List.of(new V1NodeSelectorRequirement()
                        .key("metadata.name").operator("In").values(List.of("node-1")))),
                new V1NodeSelectorTerm().matchExpressions(List.of(new V1NodeSelectorRequirement()
                    .key("disk").operator("Exists").values(null))))))));

    PersistentVolume volume = ModelAdapter.volume(pv);

    assertThat(volume.name()).isEqualTo("pv-1");
    assertThat(volume.requiredNodeAffinity()).containsExactly(
        NodeSelectorTerm.builder()
            .addMatchExpressions(NodeSelectorRequirement.of(
                "topology.kubernetes.io/zone", "NotIn", List.of("a", "b")))
            .addMatchFields(NodeSelectorRequirement.of("metadata.name", "In", List.of("node-1")))
            .build(),
        NodeSelectorTerm.builder()
            .addMatchExpressions(NodeSelectorRequirement.of("disk", "Exists", List.of()))
            .build());
  }

  @Test
  void volumeWithNullsAtEveryLevelHasNoAffinity() {
    V1PersistentVolume pv = new V1PersistentVolume().metadata(meta(null, "pv"));
    assertThat(ModelAdapter.volume(pv).requiredNodeAffinity()).isEmpty();
    pv.spec(new V1PersistentVolumeSpec());
    assertThat(ModelAdapter.volume(pv).requiredNodeAffinity()).isEmpty();
    pv.getSpec().nodeAffinity(new V1VolumeNodeAffinity());
    assertThat(ModelAdapter.volume(pv).requiredNodeAffinity()).isEmpty();
    pv.getSpec().getNodeAffinity().required(new V1NodeSelector().nodeSelectorTerms(null));
    assertThat(ModelAdapter.volume(pv).requiredNodeAffinity()).isEmpty();
    pv.getSpec().getNodeAffinity().getRequired().nodeSelectorTerms(
        Arrays.asList(null, new V1NodeSelectorTerm().matchExpressions(null).matchFields(null)));
    assertThat(ModelAdapter.volume(pv).requiredNodeAffinity())
        .containsExactly(NodeSelectorTerm.builder().build());
  }

  @Test
  void podCopiesEveryField() {
    V1Pod pod = new V1Pod()
        .metadata(meta("shop", "db-0")
            .annotations(Map.of("k8up.io/backupcommand", "pg_dump"))
            .labels(Map.of("app", "db"))
            .deletionTimestamp(OffsetDateTime.parse("2024-01-01T00:00:00Z"))
            .ownerReferences(List.of(
                new V1OwnerReference().uid("not-controller").controller(false),
                new V1OwnerReference().uid("sts-uid").controller(true))))
        .spec(new V1PodSpec()
            .nodeName("node-a")
            .securityContext(new V1PodSecurityContext().runAsUser(1000L).runAsGroup(3000L).fsGroup(2000L))
            .tolerations(List.of(
                new V1Toleration().key("gpu").operator("Equal").value("yes").effect("NoSchedule"),
                new V1Toleration().operator("Exists").effect("NoExecute").tolerationSeconds(30L)))
            .initContainers(List.of(new V1Container().name("init")))
            .containers(List.of(new V1Container().name("db"), new V1Container().name("sidecar")))
            .volumes(List.of(
                new V1Volume().name("data").persistentVolumeClaim(
                    new V1PersistentVolumeClaimVolumeSource().claimName("data-db-0")),
                new V1Volume().name("tmp").emptyDir(new V1EmptyDirVolumeSource()),
                new V1Volume().name("scratch").ephemeral(new V1EphemeralVolumeSource()))))
        .status(new V1PodStatus().phase("Running"));

    Pod model = ModelAdapter.pod(pod);

    assertThat(model.namespace()).isEqualTo("shop");
    assertThat(model.name()).isEqualTo("db-0");
    assertThat(model.annotations()).containsEntry("k8up.io/backupcommand", "pg_dump");
    assertThat(model.labels()).containsExactlyEntriesOf(Map.of("app", "db"));
    assertThat(model.phase()).isEqualTo(PodPhase.RUNNING);
    assertThat(model.nodeName()).contains("node-a");
    assertThat(model.deleting()).isTrue();
    assertThat(model.containerNames()).containsExactly("db", "sidecar");
    assertThat(model.claimVolumes()).containsExactly(
        PodVolume.of("data", "data-db-0"), PodVolume.of("scratch", "db-0-scratch"));
    assertThat(model.controllerUid()).contains("sts-uid");
    assertThat(model.runAsUser()).contains(1000L);
    assertThat(model.runAsGroup()).contains(3000L);
    assertThat(model.fsGroup()).contains(2000L);
    assertThat(model.tolerations()).containsExactly(
        Toleration.builder().key("gpu").operator("Equal").value("yes").effect("NoSchedule").build(),
        Toleration.builder().operator("Exists").effect("NoExecute").tolerationSeconds(30L).build());
  }

  @Test
  void podWithNullsEverywhereHasEmptyDefaults() {
    V1Pod pod = new V1Pod().metadata(meta("shop", "p").labels(null).annotations(null).ownerReferences(null));

    Pod model = ModelAdapter.pod(pod);

    assertThat(model.annotations()).isEmpty();
    assertThat(model.labels()).isEmpty();
    assertThat(model.phase()).isEqualTo(PodPhase.UNKNOWN);
    assertThat(model.nodeName()).isEmpty();
    assertThat(model.deleting()).isFalse();
    assertThat(model.containerNames()).isEmpty();
    assertThat(model.claimVolumes()).isEmpty();
    assertThat(model.controllerUid()).isEmpty();
    assertThat(model.tolerations()).isEmpty();
    assertThat(model.runAsUser()).isEmpty();
    assertThat(model.fsGroup()).isEmpty();

    pod.spec(new V1PodSpec().nodeName("").containers(Arrays.asList(null, new V1Container()))
            .volumes(Arrays.asList(null, new V1Volume(), new V1Volume().name("v")
                .persistentVolumeClaim(new V1PersistentVolumeClaimVolumeSource()))))
        .status(new V1PodStatus());
    pod.getMetadata().ownerReferences(Arrays.asList(null, new V1OwnerReference().controller(null)));
    Pod nulls = ModelAdapter.pod(pod);
    assertThat(nulls.nodeName()).isEmpty();
    assertThat(nulls.containerNames()).isEmpty();
    assertThat(nulls.claimVolumes()).isEmpty();
    assertThat(nulls.controllerUid()).isEmpty();
  }

  @Test
  void nullAnnotationValueBecomesEmpty() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put("k8up.io/hostname", null);
    V1Pod pod = new V1Pod().metadata(meta("shop", "p").annotations(annotations));

    assertThat(ModelAdapter.pod(pod).annotations()).containsEntry("k8up.io/hostname", "");
  }

  @Test
  void nodeCopiesNameHostnameLabelAndTaintsInSpecOrder() {
    V1Node node = new V1Node()
        .metadata(meta(null, "ip-10-0-0-7.ec2.internal")
            .labels(Map.of("kubernetes.io/hostname", "ip-10-0-0-7", "zone", "a")))
        .spec(new V1NodeSpec().taints(List.of(
            new V1Taint().key("dedicated").value("db").effect("NoSchedule"),
            new V1Taint().key("spot").effect("PreferNoSchedule"),
            new V1Taint().key("maintenance").value("").effect("NoExecute"))));

    Node model = ModelAdapter.node(node);

    assertThat(model.name()).isEqualTo("ip-10-0-0-7.ec2.internal");
    assertThat(model.hostname()).contains("ip-10-0-0-7");
    assertThat(model.taints()).containsExactly(
        Taint.builder().key("dedicated").value("db").effect("NoSchedule").build(),
        Taint.builder().key("spot").effect("PreferNoSchedule").build(),
        Taint.builder().key("maintenance").effect("NoExecute").build());
  }

  @Test
  void nodeWithNullsEverywhereHasNoHostnameAndNoTaints() {
    V1Node node = new V1Node().metadata(meta(null, "node-a").labels(null));
    assertThat(ModelAdapter.node(node).hostname()).isEmpty();
    assertThat(ModelAdapter.node(node).taints()).isEmpty();
    node.spec(new V1NodeSpec().taints(null));
    assertThat(ModelAdapter.node(node).taints()).isEmpty();
    // Taints the API server would refuse, without key or effect, repel no pod: they are left out.
    node.getSpec().taints(Arrays.asList(null, new V1Taint().effect("NoSchedule"),
        new V1Taint().key("k").effect(""), new V1Taint().key("kept").effect("NoSchedule")));
    assertThat(ModelAdapter.node(node).taints())
        .containsExactly(Taint.builder().key("kept").effect("NoSchedule").build());
    node.getMetadata().labels(Map.of("kubernetes.io/hostname", " "));
    assertThat(ModelAdapter.node(node).hostname()).isEmpty();
  }

  @Test
  void nodeWithoutNameIsRejected() {
    assertThatThrownBy(() -> ModelAdapter.node(new V1Node()))
        .hasMessage("metadata.name is missing");
    assertThatThrownBy(() -> ModelAdapter.node(new V1Node().metadata(meta(null, ""))))
        .hasMessage("metadata.name is missing");
  }

  @Test
  void podWithoutNamespaceIsRejected() {
    assertThatThrownBy(() -> ModelAdapter.pod(new V1Pod().metadata(meta("", "p"))))
        .hasMessage("metadata.namespace is missing");
  }

  @Test
  void snapshotClassCopiesNameDriverAndAnnotations() {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true");
    annotations.put("k8up.io/is-snapshot-class", null);

    SnapshotClass snapshotClass = ModelAdapter.snapshotClass(new VolumeSnapshotClassObject(
        meta(null, "ebs-snapshots").annotations(annotations), "ebs.csi.aws.com"));

    assertThat(snapshotClass).isEqualTo(SnapshotClass.builder()
        .name("ebs-snapshots")
        .driver("ebs.csi.aws.com")
        .annotations(Map.of(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true", "k8up.io/is-snapshot-class", ""))
        .build());
    assertThat(snapshotClass.isDefault()).isTrue();
    assertThat(ModelAdapter.snapshotClass(new VolumeSnapshotClassObject(meta(null, "plain"), "d"))
        .annotations()).isEmpty();
  }

  @Test
  void snapshotClassWithoutNameOrDriverIsRejected() {
    assertThatThrownBy(() -> ModelAdapter.snapshotClass(new VolumeSnapshotClassObject(null, "d")))
        .hasMessage("metadata.name is missing");
    assertThatThrownBy(() -> ModelAdapter.snapshotClass(new VolumeSnapshotClassObject(meta(null, "c"), null)))
        .hasMessage("driver is missing");
    assertThatThrownBy(() -> ModelAdapter.snapshotClass(new VolumeSnapshotClassObject(meta(null, "c"), "")))
        .hasMessage("driver is missing");
  }
}

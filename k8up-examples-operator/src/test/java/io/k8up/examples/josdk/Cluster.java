package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** Objects the tests create on the mock API server. */
final class Cluster {

  private Cluster() {}

  /** A bound ReadWriteOnce claim {@code data} in {@code namespace}, mounted by a running pod on worker-1. */
  static void claimInUse(KubernetesClient client, String namespace) {
    String volume = "pv-" + namespace;
    client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(volume)
        .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withCapacity(Map.of("storage",
            new Quantity("1Gi"))).endSpec().build()).create();
    client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").withNamespace(namespace).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName(volume).endSpec()
        .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").endStatus().build()).create();
    client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName("app-0").withNamespace(namespace).endMetadata()
        .withNewSpec().withNodeName("worker-1").addNewContainer().withName("app").withImage("app").endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim()
        .endVolume().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
  }

  /** Namespace {@code name} with {@code labels}. */
  static void namespace(KubernetesClient client, String name, Map<String, String> labels) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().build()).create();
  }

  /** Creates schedule {@code name} in namespace ops, backing up {@code target} every hour with job-per-pvc. */
  static BackupSchedule schedule(KubernetesClient client, String name, String target) {
    BackupScheduleSpec spec = spec();
    spec.setNamespace(target);
    return create(client, name, spec);
  }

  /**
   * Creates schedule {@code name} in namespace ops, backing up the namespaces labelled {@code
   * labels} every hour with job-per-pvc.
   */
  static BackupSchedule scheduleSelecting(KubernetesClient client, String name, Map<String, String> labels) {
    BackupScheduleSpec spec = spec();
    spec.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    return create(client, name, spec);
  }

  private static BackupScheduleSpec spec() {
    BackupScheduleSpec spec = new BackupScheduleSpec();
    spec.setInterval("1h");
    spec.setStrategyOrder(List.of("job-per-pvc"));
    return spec;
  }

  private static BackupSchedule create(KubernetesClient client, String name, BackupScheduleSpec spec) {
    BackupSchedule schedule = new BackupSchedule();
    schedule.getMetadata().setName(name);
    schedule.getMetadata().setNamespace("ops");
    schedule.setSpec(spec);
    return client.resources(BackupSchedule.class).inNamespace("ops").resource(schedule).create();
  }
}

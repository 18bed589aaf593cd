package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot of a big cluster: 50 MB of kubectl-like YAML, with fields client-java ignores. */
class LargeSnapshotFileTest {

  private static final long TARGET_BYTES = 50L * 1024 * 1024;

  private static final String CLAIM =
      """
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data-%1$d
        namespace: ns-%2$d
        uid: 6c1f8a2e-0000-4000-8000-%1$012d
        resourceVersion: "%1$d"
        creationTimestamp: 2024-01-01T00:00:00Z
        annotations:
          pv.kubernetes.io/bind-completed: "yes"
          volume.kubernetes.io/storage-provisioner: rancher.io/local-path
        finalizers: [kubernetes.io/pvc-protection]
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10Gi}}
        storageClassName: local-path
        volumeMode: Filesystem
        volumeName: pv-%1$d
      status:
        phase: Bound
        accessModes: [ReadWriteOnce]
        capacity: {storage: 10Gi}
      """;

  private static final String VOLUME =
      """
      apiVersion: v1
      kind: PersistentVolume
      metadata:
        name: pv-%1$d
        creationTimestamp: 2024-01-01T00:00:00Z
      spec:
        capacity: {storage: 10Gi}
        accessModes: [ReadWriteOnce]
        hostPath: {path: /var/lib/data/pv-%1$d, type: DirectoryOrCreate}
        nodeAffinity:
          required:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/hostname, operator: In, values: [node-%3$d]}
      status: {phase: Bound}
      """;

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: app-%1$d
        namespace: ns-%2$d
        labels: {app: app-%1$d, tier: backend}
        creationTimestamp: 2024-01-01T00:00:00Z
        ownerReferences:
        - {apiVersion: apps/v1, kind: StatefulSet, name: app, uid: u-%2$d, controller: true}
        managedFields:
        - {manager: kube-controller-manager, operation: Update, time: 2024-01-01T00:00:00Z}
      spec:
        nodeName: node-%3$d
        futureSchedulingHint: {preferred: true}
        containers:
        - name: app
          image: registry.example.com/app:1.2.3
          ports: [{containerPort: 8080, protocol: TCP}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          env:
          - {name: MODE, value: production}
          volumeMounts: [{name: data, mountPath: /data}]
        volumes:
        - name: data
          persistentVolumeClaim: {claimName: data-%1$d}
      status:
        phase: Running
        podIP: 10.0.0.1
        startTime: 2024-01-01T00:00:01Z
        conditions:
        - {type: Ready, status: "True", lastTransitionTime: 2024-01-01T00:00:01Z}
      """;

  @Test
  void fiftyMegabyteFileLoadsEveryObject(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("big.yaml");
    int triples = write(file);
    assertThat(Files.size(file)).isGreaterThanOrEqualTo(TARGET_BYTES);

    ClusterSnapshot snapshot = SnapshotFiles.read(file);

    assertThat(snapshot.claims()).hasSize(triples);
    assertThat(snapshot.volumes()).hasSize(triples);
    assertThat(snapshot.pods()).hasSize(triples);
    assertThat(snapshot.podsMounting("ns-7", "data-7")).hasSize(1);
    assertThat(snapshot.notes()).isEmpty();
  }

  private static int write(Path file) throws IOException {
    int count = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long written = 0;
      while (written < TARGET_BYTES) {
        String triple =
            String.join("---\n",
                CLAIM.formatted(count, count % 100, count % 20),
                VOLUME.formatted(count, count % 100, count % 20),
                POD.formatted(count, count % 100, count % 20))
                + "---\n";
        out.write(triple);
        written += triple.length();
        count++;
      }
    }
    return count;
  }
}

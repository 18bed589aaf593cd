package io.k8up.examples.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One check's corner of a real cluster: a namespace of its own under Pod Security "restricted",
 * and Nodes, PersistentVolumes, claims and the pods that mount them, all named after the
 * namespace and deleted on {@link #close}. The kubeconfig comes from {@value #KUBECONFIG_VARIABLE}.
 */
final class LiveLab implements AutoCloseable {

  /** The environment variable that names the lab's kubeconfig; the checks skip without it. */
  static final String KUBECONFIG_VARIABLE = "K8UP_LIVE_KUBECONFIG";

  /** The CSI driver of the lab's volumes; the fake kubelet provisions restored claims for it. */
  static final String CSI_DRIVER = "disk.csi.example.com";

  private static final String CHECK_LABEL = "lab/check";
  private static final Duration SETUP_WAIT = Duration.ofSeconds(90);

  private final Kubectl kubectl;
  private final String namespace;

  private LiveLab(Kubectl kubectl, String namespace) {
    this.kubectl = kubectl;
    this.namespace = namespace;
  }

  /** A fresh namespace for the check {@code check} (a short DNS label), enforcing Pod Security "restricted". */
  static LiveLab open(String check) {
    Path kubeconfig = Paths.get(System.getenv(KUBECONFIG_VARIABLE));
    String suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    String namespace = ("live-" + check + "-" + suffix).toLowerCase(Locale.ROOT);
    LiveLab lab = new LiveLab(new Kubectl(kubeconfig), namespace);
    lab.kubectl.apply("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels:
            pod-security.kubernetes.io/enforce: restricted
            pod-security.kubernetes.io/enforce-version: latest
        """.formatted(namespace));
    return lab;
  }

  /**
   * A file of the kube-lab, found in {@code shared/kube-lab} beside the project or one of its
   * parents.
   */
  static Path labFile(String name) {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("kube-lab").resolve(name);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/kube-lab/" + name + " beside the project or its parents");
  }

  String namespace() {
    return namespace;
  }

  Kubectl kubectl() {
    return kubectl;
  }

  /** A folder kept after the check, {@code target/live-checks/<namespace>}, for its logs and outputs. */
  Path workDir() throws IOException {
    return Files.createDirectories(Paths.get("target", "live-checks", namespace));
  }

  /** The messages of the namespace's events that say Pod Security admission refused a pod. */
  List<String> podSecurityRejections() {
    List<String> rejections = new ArrayList<>();
    for (JsonElement event : kubectl.json("get", "events", "-n", namespace).getAsJsonArray("items")) {
      JsonElement message = event.getAsJsonObject().get("message");
      if (message != null && message.getAsString().contains("PodSecurity")) {
        rejections.add(message.getAsString());
      }
    }
    return rejections;
  }

  /** Creates a Ready Node {@code <namespace>-<suffix>} whose hostname label is its name; returns the name. */
  String node(String suffix) {
    String name = namespace + "-" + suffix;
    node(name, name);
    return name;
  }

  /** Creates a Ready Node {@code name} with the hostname label {@code hostname}, as on EKS when they differ. */
  void node(String name, String hostname) {
    kubectl.apply("""
        apiVersion: v1
        kind: Node
        metadata:
          name: %s
          labels: {kubernetes.io/hostname: %s, %s: %s}
        status:
          capacity: {cpu: "8", memory: 32Gi, pods: "110"}
          allocatable: {cpu: "8", memory: 32Gi, pods: "110"}
          conditions: [{type: Ready, status: "True", reason: KubeletReady, message: played by fake_kubelet.py}]
        """.formatted(name, hostname, CHECK_LABEL, namespace));
  }

  /** A claim of {@code accessMode} mounted by the pod {@code app-<claim>} on {@code node}. */
  void claimMountedBy(String claim, String accessMode, String node) {
    volume(claim, accessMode, "csi: {driver: " + CSI_DRIVER + ", volumeHandle: " + pvName(claim) + "}", "");
    claim(claim, accessMode, "");
    appPod("app-" + claim, claim, node);
  }

  /** A ReadWriteOnce claim no pod mounts, on a local volume whose node affinity names {@code hostname}. */
  void claimOnLocalVolume(String claim, String hostname) {
    volume(claim, "ReadWriteOnce", "local: {path: /mnt/" + claim + "}", localAffinity(hostname));
    claim(claim, "ReadWriteOnce", "");
  }

  /** A ReadWriteOnce claim no pod mounts, annotated {@code k8up.io/hostname: <hostname>}. */
  void claimWithHostname(String claim, String hostname) {
    volume(claim, "ReadWriteOnce", "hostPath: {path: /mnt/" + claim + "}", "");
    claim(claim, "ReadWriteOnce", "k8up.io/hostname: " + hostname);
  }

  /**
   * A StorageClass {@code <namespace>-wffc} that binds a claim when its first pod is scheduled, with
   * no provisioner: the scheduler picks one of the class's free PersistentVolumes; returns its name.
   */
  String waitForFirstConsumerClass() {
    String name = namespace + "-wffc";
    kubectl.apply("""
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata:
          name: %s
          labels: {%s: %s}
        provisioner: kubernetes.io/no-provisioner
        volumeBindingMode: WaitForFirstConsumer
        reclaimPolicy: Retain
        """.formatted(name, CHECK_LABEL, namespace));
    return name;
  }

  /**
   * A ReadWriteOnce claim of {@code storageClass} no pod mounts, bound to a local volume whose node
   * affinity names {@code hostname}.
   */
  void claimOfClass(String claim, String storageClass, String hostname) {
    volume(pvName(claim), storageClass, "ReadWriteOnce", "claimRef: {namespace: " + namespace + ", name: " + claim + "}",
        "local: {path: /mnt/" + claim + "}", localAffinity(hostname));
    claim(claim, storageClass, "ReadWriteOnce", "", pvName(claim));
  }

  /**
   * A free local volume {@code <namespace>-<suffix>} of {@code storageClass} (1Gi, ReadWriteOnce)
   * on the node whose hostname is {@code hostname}, for the scheduler to bind to a claim of that
   * class; returns its name.
   */
  String freeVolume(String suffix, String storageClass, String hostname) {
    String name = namespace + "-" + suffix;
    volume(name, storageClass, "ReadWriteOnce", "", "local: {path: /mnt/" + suffix + "}", localAffinity(hostname));
    return name;
  }

  /** A ReadWriteMany claim no pod mounts: the scheduler places its backup. */
  void sharedClaim(String claim) {
    volume(claim, "ReadWriteMany", "nfs: {server: nfs.example, path: /" + claim + "}", "");
    claim(claim, "ReadWriteMany", "");
  }

  /**
   * A ReadWriteOnce CSI claim no pod mounts that asks for the csi-snapshot strategy; the
   * VolumeSnapshot API (the lab's CRDs) and the driver's VolumeSnapshotClass are created if missing.
   */
  void snapshotClaim(String claim) {
    kubectl.run("apply", "-f", labFile("snapshot-crds.yaml").toString());
    kubectl.run("wait", "--for", "condition=established", "--timeout", "60s",
        "crd/volumesnapshotclasses.snapshot.storage.k8s.io", "crd/volumesnapshots.snapshot.storage.k8s.io");
    kubectl.apply("""
        apiVersion: snapshot.storage.k8s.io/v1
        kind: VolumeSnapshotClass
        metadata:
          name: live-checks
          annotations: {k8up.io/is-snapshot-class: "true"}
        driver: %s
        deletionPolicy: Delete
        """.formatted(CSI_DRIVER));
    volume(claim, "ReadWriteOnce", "csi: {driver: " + CSI_DRIVER + ", volumeHandle: " + pvName(claim) + "}", "");
    claim(claim, "ReadWriteOnce", "k8up.io/volume-access: csi-snapshot");
  }

  /** Creates the pod {@code pod} on {@code node}, mounting {@code claim}, as a controller would after a move. */
  void appPod(String pod, String claim, String node) {
    kubectl.apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: %s}
        spec:
          nodeName: %s
          securityContext:
            runAsNonRoot: true
            runAsUser: 1000
            runAsGroup: 1000
            fsGroup: 1000
            seccompProfile: {type: RuntimeDefault}
          containers:
          - name: app
            image: registry.example/app:1
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
            volumeMounts: [{name: data, mountPath: /data}]
          volumes:
          - name: data
            persistentVolumeClaim: {claimName: %s}
        """.formatted(pod, namespace, node, claim));
  }

  /** Marks {@code pod} Running, as a kubelet would: for a pod created while no fake kubelet plays. */
  void markRunning(String pod) {
    kubectl.run("patch", "pod", pod, "-n", namespace, "--subresource=status", "--type=merge",
        "-p", "{\"status\": {\"phase\": \"Running\"}}");
  }

  /**
   * Waits until the {@code kind} {@code name} of the namespace is gone.
   *
   * @throws IllegalStateException if it is still there after {@code timeout}
   */
  void awaitGone(String kind, String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (kubectl.attempt(null, "get", kind, name, "-n", namespace).code() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(kind + " " + name + " still there after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(1000);
    }
  }

  /**
   * Waits until every claim of the namespace is Bound and every pod in it runs.
   *
   * @throws IllegalStateException if that takes longer than the setup wait
   */
  void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + SETUP_WAIT.toNanos();
    while (true) {
      Optional<String> waiting = notReady();
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not ready after " + SETUP_WAIT.toSeconds() + " s: " + waiting.get());
      }
      Thread.sleep(500);
    }
  }

  private Optional<String> notReady() {
    for (JsonElement claim : kubectl.json("get", "pvc", "-n", namespace).getAsJsonArray("items")) {
      JsonObject object = claim.getAsJsonObject();
      if (!"Bound".equals(phase(object))) {
        return Optional.of("claim " + name(object) + " is " + phase(object));
      }
    }
    for (JsonElement pod : kubectl.json("get", "pods", "-n", namespace).getAsJsonArray("items")) {
      JsonObject object = pod.getAsJsonObject();
      if (!"Running".equals(phase(object))) {
        return Optional.of("pod " + name(object) + " is " + phase(object));
      }
    }
    return Optional.empty();
  }

  /**
   * The Jobs, claims and VolumeSnapshots labelled with {@code runId} that are not being deleted, as
   * {@code kind/name}. Pods are left out: with no kubelet, a running pod that is deleted stays
   * Terminating for good, whatever the run did.
   */
  List<String> leftovers(String runId) {
    List<String> names = new ArrayList<>();
    for (String kind : List.of("jobs", "pvc", "volumesnapshots.snapshot.storage.k8s.io")) {
      for (JsonElement item : kubectl.json("get", kind, "-n", namespace, "-l", "k8up.io/run-id=" + runId)
          .getAsJsonArray("items")) {
        if (!item.getAsJsonObject().getAsJsonObject("metadata").has("deletionTimestamp")) {
          names.add(kind + "/" + name(item.getAsJsonObject()));
        }
      }
    }
    return names;
  }

  static String name(JsonObject object) {
    return object.getAsJsonObject("metadata").get("name").getAsString();
  }

  private static String phase(JsonObject object) {
    JsonObject status = object.getAsJsonObject("status");
    return status == null || !status.has("phase") ? "without a phase" : status.get("phase").getAsString();
  }

  private String pvName(String claim) {
    return namespace + "-" + claim;
  }

  private static String localAffinity(String hostname) {
    return """
          nodeAffinity:
            required:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: kubernetes.io/hostname, operator: In, values: [%s]}
        """.formatted(hostname);
  }

  private void volume(String claim, String accessMode, String source, String affinity) {
    volume(pvName(claim), "", accessMode, "claimRef: {namespace: " + namespace + ", name: " + claim + "}", source,
        affinity);
  }

  private void volume(String name, String storageClass, String accessMode, String claimRef, String source,
      String affinity) {
    kubectl.apply("""
        apiVersion: v1
        kind: PersistentVolume
        metadata:
          name: %s
          labels: {%s: %s}
        spec:
          capacity: {storage: 1Gi}
          accessModes: [%s]
          persistentVolumeReclaimPolicy: Retain
          storageClassName: "%s"
          %s
          %s
        %s""".formatted(name, CHECK_LABEL, namespace, accessMode, storageClass, claimRef, source, affinity));
  }

  private void claim(String claim, String accessMode, String annotation) {
    claim(claim, "", accessMode, annotation, pvName(claim));
  }

  private void claim(String claim, String storageClass, String accessMode, String annotation, String volume) {
    kubectl.apply("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: %s
          namespace: %s
          annotations: {%s}
        spec:
          accessModes: [%s]
          storageClassName: "%s"
          volumeName: %s
          resources: {requests: {storage: 1Gi}}
        """.formatted(claim, namespace, annotation, accessMode, storageClass, volume));
  }

  /**
   * Deletes the namespace, and the Nodes, PersistentVolumes and StorageClasses made for it or
   * restored into it.
   */
  @Override
  public void close() {
    kubectl.attempt(null, "delete", "namespace", namespace, "--wait=false", "--ignore-not-found");
    kubectl.attempt(null, "delete", "nodes", "-l", CHECK_LABEL + "=" + namespace, "--wait=false");
    kubectl.attempt(null, "delete", "pv", "-l", CHECK_LABEL + "=" + namespace, "--wait=false");
    kubectl.attempt(null, "delete", "storageclasses", "-l", CHECK_LABEL + "=" + namespace, "--wait=false");
    for (JsonElement volume : kubectl.json("get", "pv").getAsJsonArray("items")) {
      String name = name(volume.getAsJsonObject());
      if (name.startsWith("restored-" + namespace + "-")) {
        kubectl.attempt(null, "delete", "pv", name, "--wait=false");
      }
    }
  }
}

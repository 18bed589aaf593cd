package io.k8up.core.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1AppArmorProfile;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1SELinuxOptions;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Sysctl;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists how a pod breaks the Kubernetes Pod Security Standards "restricted" profile, the
 * "baseline" rules it includes among them, as Pod Security admission checks a Linux pod
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/). No violation means a
 * namespace that enforces "restricted" admits the pod.
 */
public final class RestrictedProfile {

  private static final Set<String> ALLOWED_VOLUME_SOURCES = ImmutableSet.of(
      "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
  private static final Set<String> SAFE_SYSCTLS = ImmutableSet.of(
      "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
      "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
      "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
      "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> ALLOWED_SELINUX_TYPES = ImmutableSet.of(
      "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");
  private static final Set<String> RESTRICTED_SECCOMP = ImmutableSet.of("RuntimeDefault", "Localhost");
  private static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

  private record Container(String path, V1SecurityContext context, List<V1ContainerPort> ports) {}

  private RestrictedProfile() {}

  /** The violations of a pod template: its spec's, and AppArmor annotations that unconfine a container. */
  public static ImmutableList<String> violations(V1PodTemplateSpec template) {
    List<String> found = new ArrayList<>();
    Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
    if (annotations != null) {
      annotations.forEach((key, value) -> {
        if (key.startsWith(APPARMOR_ANNOTATION_PREFIX)
            && !value.equals("runtime/default") && !value.startsWith("localhost/")) {
          found.add("metadata.annotations[" + key + "] is " + value);
        }
      });
    }
    found.addAll(violations(template.getSpec()));
    return ImmutableList.copyOf(found);
  }

  /** The violations of a pod spec, one sentence each naming the field; empty if it conforms. */
  public static ImmutableList<String> violations(V1PodSpec spec) {
    List<String> found = new ArrayList<>();
    hostNamespaces(spec, found);
    V1PodSecurityContext pod = spec.getSecurityContext() == null ? new V1PodSecurityContext() : spec.getSecurityContext();
    podContext(pod, found);
    volumes(spec.getVolumes(), found);
    for (Container container : containers(spec)) {
      containerContext(container, pod, found);
      for (V1ContainerPort port : orEmpty(container.ports())) {
        if (port.getHostPort() != null && port.getHostPort() != 0) {
          found.add(container.path() + ".ports: hostPort " + port.getHostPort());
        }
      }
    }
    return ImmutableList.copyOf(found);
  }

  private static void hostNamespaces(V1PodSpec spec, List<String> found) {
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      found.add("spec.hostNetwork is true");
    }
    if (Boolean.TRUE.equals(spec.getHostPID())) {
      found.add("spec.hostPID is true");
    }
    if (Boolean.TRUE.equals(spec.getHostIPC())) {
      found.add("spec.hostIPC is true");
    }
  }

  private static void podContext(V1PodSecurityContext pod, List<String> found) {
    String path = "spec.securityContext";
    common(path, pod.getRunAsUser(), pod.getSeLinuxOptions(), pod.getAppArmorProfile(), pod.getWindowsOptions(), found);
    if (pod.getSeccompProfile() != null && !RESTRICTED_SECCOMP.contains(pod.getSeccompProfile().getType())) {
      found.add(path + ".seccompProfile.type is " + pod.getSeccompProfile().getType());
    }
    for (V1Sysctl sysctl : orEmpty(pod.getSysctls())) {
      if (!SAFE_SYSCTLS.contains(sysctl.getName())) {
        found.add(path + ".sysctls: " + sysctl.getName() + " is not a safe sysctl");
      }
    }
  }

  private static void volumes(List<V1Volume> volumes, List<String> found) {
    for (V1Volume volume : orEmpty(volumes)) {
      // Whatever source the volume sets, whichever client-java version knows it.
      Set<String> sources = new TreeSet<>(JSON.getGson().toJsonTree(volume).getAsJsonObject().keySet());
      sources.remove("name");
      sources.removeAll(ALLOWED_VOLUME_SOURCES);
      if (!sources.isEmpty()) {
        found.add("spec.volumes[" + volume.getName() + "] is of a forbidden type: " + String.join(", ", sources));
      }
    }
  }

  private static void containerContext(Container container, V1PodSecurityContext pod, List<String> found) {
    String path = container.path() + ".securityContext";
    V1SecurityContext context = container.context() == null ? new V1SecurityContext() : container.context();
    common(path, context.getRunAsUser(), context.getSeLinuxOptions(), context.getAppArmorProfile(),
        context.getWindowsOptions(), found);
    if (Boolean.TRUE.equals(context.getPrivileged())) {
      found.add(path + ".privileged is true");
    }
    if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
      found.add(path + ".allowPrivilegeEscalation is not false");
    }
    boolean nonRoot = context.getRunAsNonRoot() == null
        ? Boolean.TRUE.equals(pod.getRunAsNonRoot()) : context.getRunAsNonRoot();
    if (!nonRoot) {
      found.add(path + ".runAsNonRoot is not true, nor is the pod's");
    }
    V1SeccompProfile seccomp = context.getSeccompProfile() == null ? pod.getSeccompProfile() : context.getSeccompProfile();
    if (seccomp == null || !RESTRICTED_SECCOMP.contains(seccomp.getType())) {
      found.add(path + ".seccompProfile.type is neither RuntimeDefault nor Localhost, nor is the pod's");
    }
    if (context.getProcMount() != null && !context.getProcMount().equals("Default")) {
      found.add(path + ".procMount is " + context.getProcMount());
    }
    capabilities(path, context.getCapabilities(), found);
  }

  private static void capabilities(String path, V1Capabilities capabilities, List<String> found) {
    V1Capabilities given = capabilities == null ? new V1Capabilities() : capabilities;
    if (!orEmpty(given.getDrop()).contains("ALL")) {
      found.add(path + ".capabilities.drop does not hold ALL");
    }
    for (String added : orEmpty(given.getAdd())) {
      if (!added.equals("NET_BIND_SERVICE")) {
        found.add(path + ".capabilities.add holds " + added);
      }
    }
  }

  /** The rules pod and container contexts share. */
  private static void common(String path, Long runAsUser, V1SELinuxOptions seLinux, V1AppArmorProfile appArmor,
      V1WindowsSecurityContextOptions windows, List<String> found) {
    if (runAsUser != null && runAsUser == 0) {
      found.add(path + ".runAsUser is 0");
    }
    if (seLinux != null) {
      if (seLinux.getType() != null && !ALLOWED_SELINUX_TYPES.contains(seLinux.getType())) {
        found.add(path + ".seLinuxOptions.type is " + seLinux.getType());
      }
      if (seLinux.getUser() != null && !seLinux.getUser().isEmpty()) {
        found.add(path + ".seLinuxOptions.user is set");
      }
      if (seLinux.getRole() != null && !seLinux.getRole().isEmpty()) {
        found.add(path + ".seLinuxOptions.role is set");
      }
    }
    if (appArmor != null && "Unconfined".equals(appArmor.getType())) {
      found.add(path + ".appArmorProfile.type is Unconfined");
    }
    if (windows != null && Boolean.TRUE.equals(windows.getHostProcess())) {
      found.add(path + ".windowsOptions.hostProcess is true");
    }
  }

  private static List<Container> containers(V1PodSpec spec) {
    List<Container> containers = new ArrayList<>();
    orEmpty(spec.getContainers()).forEach(c ->
        containers.add(new Container("spec.containers[" + c.getName() + "]", c.getSecurityContext(), c.getPorts())));
    orEmpty(spec.getInitContainers()).forEach(c ->
        containers.add(new Container("spec.initContainers[" + c.getName() + "]", c.getSecurityContext(), c.getPorts())));
    orEmpty(spec.getEphemeralContainers()).forEach(c -> containers.add(
        new Container("spec.ephemeralContainers[" + c.getName() + "]", c.getSecurityContext(), c.getPorts())));
    return containers;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

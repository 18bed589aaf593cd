package io.k8up.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1AppArmorProfile;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1EmptyDirVolumeSource;
import io.kubernetes.client.openapi.models.V1HostPathVolumeSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Sysctl;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The restricted-profile checker finds what Pod Security admission would refuse, and only that. */
class RestrictedProfileTest {

  @Test
  void hardenedPodHasNoViolation() {
    assertThat(RestrictedProfile.violations(hardenedPod())).isEmpty();
  }

  @Test
  void podLevelRunAsNonRootAndSeccompCoverContainersThatLeaveThemUnset() {
    V1PodSpec spec = hardenedPod();
    spec.getContainers().get(0).getSecurityContext().runAsNonRoot(null).seccompProfile(null);

    assertThat(RestrictedProfile.violations(spec)).isEmpty();
  }

  @Test
  void everyBrokenRuleIsReported() {
    V1PodSpec spec = new V1PodSpec()
        .hostNetwork(true)
        .hostPID(true)
        .hostIPC(true)
        .securityContext(new V1PodSecurityContext()
            .runAsUser(0L)
            .seccompProfile(new V1SeccompProfile().type("Unconfined"))
            .sysctls(List.of(new V1Sysctl().name("kernel.msgmax").value("65536"))))
        .containers(List.of(new V1Container()
            .name("app")
            .ports(List.of(new V1ContainerPort().containerPort(80).hostPort(80)))
            .securityContext(new V1SecurityContext()
                .privileged(true)
                .procMount("Unmasked")
                .appArmorProfile(new V1AppArmorProfile().type("Unconfined"))
                .capabilities(new V1Capabilities().add(List.of("SYS_ADMIN"))))))
        .volumes(List.of(new V1Volume().name("host").hostPath(new V1HostPathVolumeSource().path("/"))));

    assertThat(RestrictedProfile.violations(spec)).containsExactlyInAnyOrder(
        "spec.hostNetwork is true",
        "spec.hostPID is true",
        "spec.hostIPC is true",
        "spec.securityContext.runAsUser is 0",
        "spec.securityContext.seccompProfile.type is Unconfined",
        "spec.securityContext.sysctls: kernel.msgmax is not a safe sysctl",
        "spec.volumes[host] is of a forbidden type: hostPath",
        "spec.containers[app].securityContext.privileged is true",
        "spec.containers[app].securityContext.allowPrivilegeEscalation is not false",
        "spec.containers[app].securityContext.runAsNonRoot is not true, nor is the pod's",
        "spec.containers[app].securityContext.seccompProfile.type is neither RuntimeDefault nor Localhost, nor is the pod's",
        "spec.containers[app].securityContext.procMount is Unmasked",
        "spec.containers[app].securityContext.appArmorProfile.type is Unconfined",
        "spec.containers[app].securityContext.capabilities.drop does not hold ALL",
        "spec.containers[app].securityContext.capabilities.add holds SYS_ADMIN",
        "spec.containers[app].ports: hostPort 80");
  }

  @Test
  void containerMayNotOverrideThePodsNonRootRule() {
    V1PodSpec spec = hardenedPod();
    spec.getContainers().get(0).getSecurityContext().runAsNonRoot(false);

    assertThat(RestrictedProfile.violations(spec))
        .containsExactly("spec.containers[app].securityContext.runAsNonRoot is not true, nor is the pod's");
  }

  @Test
  void unconfiningAppArmorAnnotationIsReported() {
    V1PodTemplateSpec template = new V1PodTemplateSpec()
        .metadata(new V1ObjectMeta().annotations(
            Map.of("container.apparmor.security.beta.kubernetes.io/app", "unconfined")))
        .spec(hardenedPod());

    assertThat(RestrictedProfile.violations(template))
        .containsExactly("metadata.annotations[container.apparmor.security.beta.kubernetes.io/app] is unconfined");
  }

  private static V1PodSpec hardenedPod() {
    return new V1PodSpec()
        .securityContext(new V1PodSecurityContext()
            .runAsNonRoot(true)
            .runAsUser(1000L)
            .seccompProfile(new V1SeccompProfile().type("RuntimeDefault")))
        .containers(List.of(new V1Container()
            .name("app")
            .securityContext(new V1SecurityContext()
                .allowPrivilegeEscalation(false)
                .runAsNonRoot(true)
                .seccompProfile(new V1SeccompProfile().type("RuntimeDefault"))
                .capabilities(new V1Capabilities().drop(List.of("ALL")).add(List.of("NET_BIND_SERVICE"))))))
        .volumes(List.of(new V1Volume().name("tmp").emptyDir(new V1EmptyDirVolumeSource())));
  }
}

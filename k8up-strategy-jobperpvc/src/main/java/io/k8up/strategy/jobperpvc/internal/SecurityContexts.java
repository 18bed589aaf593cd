package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;

/**
 * The security contexts of a backup pod: the Pod Security "restricted" profile unless the tool
 * runs as root, and even then no capability but reading every file, within the "baseline" profile.
 */
final class SecurityContexts {

  /**
   * Lets root read every file and list every directory. DAC_READ_SEARCH would do only that, but
   * the "baseline" profile does not admit it; DAC_OVERRIDE also bypasses write checks, which the
   * read-only claims and root file system leave no use for.
   */
  private static final String READ_ANY_FILE = "DAC_OVERRIDE";

  private SecurityContexts() {}

  /** The pod's context. Never sets {@code fsGroup}: kubelet would change the files' group to it. */
  static V1PodSecurityContext pod(BackupIdentity identity) {
    return new V1PodSecurityContext()
        .runAsUser(identity.user())
        .runAsGroup(identity.group())
        .runAsNonRoot(!identity.isRoot())
        .supplementalGroups(ImmutableList.copyOf(identity.supplementalGroups()))
        .seccompProfile(runtimeDefault());
  }

  /** The tool container's context. */
  static V1SecurityContext container(BackupIdentity identity) {
    V1Capabilities capabilities = new V1Capabilities().drop(ImmutableList.of("ALL"));
    if (identity.isRoot()) {
      capabilities.add(ImmutableList.of(READ_ANY_FILE));
    }
    return new V1SecurityContext()
        .allowPrivilegeEscalation(false)
        .capabilities(capabilities)
        .readOnlyRootFilesystem(true)
        .runAsNonRoot(!identity.isRoot())
        .seccompProfile(runtimeDefault());
  }

  private static V1SeccompProfile runtimeDefault() {
    return new V1SeccompProfile().type("RuntimeDefault");
  }
}

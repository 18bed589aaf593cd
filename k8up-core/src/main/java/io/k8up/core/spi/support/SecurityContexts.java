package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.util.Optional;

/**
 * The security contexts of a backup, from its {@link BackupIdentity}: the Pod Security
 * "restricted" profile unless the tool runs as root, and even then no capability but reading
 * every file, within the "baseline" profile. Each call returns a new object.
 */
public final class SecurityContexts {

  /**
   * Lets root read every file and list every directory. DAC_READ_SEARCH would do only that, but
   * the "baseline" profile does not admit it; DAC_OVERRIDE also bypasses write checks, which the
   * read-only claims leave no use for.
   */
  private static final String READ_ANY_FILE = "DAC_OVERRIDE";

  private SecurityContexts() {}

  /**
   * The context of a backup pod: the identity's user, group and supplemental groups. Never sets
   * {@code fsGroup}: kubelet would change the application's files to that group.
   */
  public static V1PodSecurityContext pod(BackupIdentity identity) {
    checkNotNull(identity, "identity");
    return new V1PodSecurityContext()
        .runAsUser(identity.user())
        .runAsGroup(identity.group())
        .runAsNonRoot(!identity.isRoot())
        .supplementalGroups(ImmutableList.copyOf(identity.supplementalGroups()))
        .seccompProfile(runtimeDefault());
  }

  /**
   * The context of the tool's container in a backup pod whose context is {@link #pod}: the root
   * file system is read-only, since the pod has a scratch volume for the tool's files.
   */
  public static V1SecurityContext container(BackupIdentity identity) {
    checkNotNull(identity, "identity");
    return hardened(identity).readOnlyRootFilesystem(true);
  }

  /**
   * The context of the tool's ephemeral container in the application pod {@code pod}, whose own
   * context cannot be changed through the {@code ephemeralcontainers} subresource. It sets the
   * identity's user and group only where the pod does not already give the same ones, which apply
   * to ephemeral containers as to the pod's own; the pod's {@code fsGroup} applies likewise, and a
   * container cannot add supplemental groups. The root file system stays writable: with no volume
   * of its own, the container keeps the tool's caches and temporary files there.
   */
  public static V1SecurityContext ephemeralContainer(BackupIdentity identity, Pod pod) {
    checkNotNull(identity, "identity");
    checkNotNull(pod, "pod");
    V1SecurityContext context = hardened(identity).readOnlyRootFilesystem(false);
    if (!pod.runAsUser().equals(Optional.of(identity.user()))) {
      context.runAsUser(identity.user());
    }
    if (!pod.runAsGroup().equals(Optional.of(identity.group()))) {
      context.runAsGroup(identity.group());
    }
    return context;
  }

  private static V1SecurityContext hardened(BackupIdentity identity) {
    V1Capabilities capabilities = new V1Capabilities().drop(ImmutableList.of("ALL"));
    if (identity.isRoot()) {
      capabilities.add(ImmutableList.of(READ_ANY_FILE));
    }
    return new V1SecurityContext()
        .allowPrivilegeEscalation(false)
        .capabilities(capabilities)
        .runAsNonRoot(!identity.isRoot())
        .seccompProfile(runtimeDefault());
  }

  private static V1SeccompProfile runtimeDefault() {
    return new V1SeccompProfile().type("RuntimeDefault");
  }
}

package io.k8up.strategy.ephemeral.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.kubernetes.client.openapi.models.V1Capabilities;
import io.kubernetes.client.openapi.models.V1SeccompProfile;
import io.kubernetes.client.openapi.models.V1SecurityContext;

/**
 * The security context of the tool's ephemeral container. The namespace's Pod Security level
 * applies to ephemeral containers too, so it passes the "restricted" profile unless the tool runs
 * as root, and even then it stays within "baseline". It is the container's alone: the pod's
 * context belongs to the application and cannot be changed through the {@code ephemeralcontainers}
 * subresource.
 */
final class SecurityContexts {

  private static final long ROOT = 0;

  /**
   * Lets root read every file and list every directory. DAC_READ_SEARCH would do only that, but
   * the "baseline" profile does not admit it; DAC_OVERRIDE also bypasses write checks, which the
   * read-only mounts leave no use for beyond the container's own file system.
   */
  private static final String READ_ANY_FILE = "DAC_OVERRIDE";

  private SecurityContexts() {}

  /**
   * The container's context, for the tool running in {@code pod}:
   *
   * <ul>
   *   <li>with {@link BackupToolSpec#runAsRoot()}, user and group 0 with every capability dropped
   *       but reading any file;
   *   <li>else, if the pod sets a non-root {@code runAsUser}, the pod's user and group, which apply
   *       to ephemeral containers as to its own, with its {@code fsGroup} among the groups: the
   *       identity that wrote the files;
   *   <li>else the tool's user and group, never the image's, which may be root.
   * </ul>
   *
   * <p>The root file system stays writable: with no volume of its own, the container keeps the
   * tool's caches and temporary files there.
   */
  static V1SecurityContext container(BackupToolSpec tool, Pod pod) {
    V1SecurityContext context = new V1SecurityContext()
        .allowPrivilegeEscalation(false)
        .readOnlyRootFilesystem(false)
        .seccompProfile(new V1SeccompProfile().type("RuntimeDefault"));
    if (tool.runAsRoot()) {
      return context
          .runAsUser(ROOT)
          .runAsGroup(ROOT)
          .runAsNonRoot(false)
          .capabilities(new V1Capabilities().drop(ImmutableList.of("ALL")).add(ImmutableList.of(READ_ANY_FILE)));
    }
    context.runAsNonRoot(true).capabilities(new V1Capabilities().drop(ImmutableList.of("ALL")));
    boolean podRunsAsNonRootUser = pod.runAsUser().filter(user -> user != ROOT).isPresent();
    if (!podRunsAsNonRootUser) {
      context.runAsUser(tool.runAsUser()).runAsGroup(tool.runAsGroup());
    }
    return context;
  }
}

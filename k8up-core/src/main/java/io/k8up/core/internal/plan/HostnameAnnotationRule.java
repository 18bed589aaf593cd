package io.k8up.core.internal.plan;

import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Placement;
import io.k8up.core.plan.ClaimContext;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.NodeResolutionRule;
import io.k8up.core.plan.Resolution;

/** Places a claim by its {@code k8up.io/hostname} annotation; see {@link NodeResolutionRule#hostnameAnnotation()}. */
public final class HostnameAnnotationRule implements NodeResolutionRule {

  public static final HostnameAnnotationRule INSTANCE = new HostnameAnnotationRule();

  private static final Resolution NOT_ANNOTATED =
      Resolution.notApplicable("the claim has no " + K8upAnnotations.HOSTNAME + " annotation");

  private HostnameAnnotationRule() {}

  @Override
  public String name() {
    return "hostname annotation";
  }

  @Override
  public Resolution resolve(ClaimContext context) {
    String hostname = context.claim().annotations().get(K8upAnnotations.HOSTNAME);
    if (hostname == null) {
      return NOT_ANNOTATED;
    }
    if (!LabelValues.isValidNonEmpty(hostname)) {
      return Resolution.failed(
          DecisionReason.INVALID_ANNOTATION,
          "The " + K8upAnnotations.HOSTNAME + " annotation is \"" + hostname + "\", which is not a"
              + " valid value of the " + K8upAnnotations.HOSTNAME_LABEL + " node label (1 to 63"
              + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit)."
              + " Set it to the hostname label of the node that holds the volume.");
    }
    return Resolution.placed(
        Placement.onHostname(hostname),
        DecisionReason.HOSTNAME_ANNOTATION,
        "No pod mounts this claim and its volume has no nodeAffinity; the " + K8upAnnotations.HOSTNAME
            + " annotation places the backup or restore pod on the node labelled "
            + K8upAnnotations.HOSTNAME_LABEL + "=" + hostname + ".");
  }
}

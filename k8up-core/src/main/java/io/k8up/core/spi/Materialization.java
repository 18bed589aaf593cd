package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.common.KubernetesObject;
import java.util.List;

/**
 * The Kubernetes objects that back one unit up, as a strategy materialized them: created in order,
 * deleted in reverse order when the unit ends. The unit is done when its completion Job is.
 *
 * <p>The objects are client-java models, mutable by nature: treat them as read-only.
 */
public final class Materialization {

  private final ImmutableList<KubernetesObject> objects;
  private final String completionJob;

  private Materialization(ImmutableList<KubernetesObject> objects, String completionJob) {
    this.objects = objects;
    this.completionJob = completionJob;
  }

  /**
   * Objects whose Job named {@code completionJob} ends the unit.
   *
   * @throws IllegalArgumentException if an object has no apiVersion, kind or name, or none is a
   *     batch/v1 Job named {@code completionJob}
   */
  public static Materialization of(List<? extends KubernetesObject> objects, String completionJob) {
    for (KubernetesObject object : objects) {
      checkArgument(object.getApiVersion() != null && object.getKind() != null,
          "every object needs apiVersion and kind");
      checkArgument(object.getMetadata() != null && object.getMetadata().getName() != null,
          "every object needs a name");
    }
    checkArgument(
        objects.stream().anyMatch(object -> "batch/v1".equals(object.getApiVersion())
            && "Job".equals(object.getKind())
            && completionJob.equals(object.getMetadata().getName())),
        "no Job named %s among the objects", completionJob);
    return new Materialization(ImmutableList.copyOf(objects), completionJob);
  }

  /** The objects, in creation order. */
  public ImmutableList<KubernetesObject> objects() {
    return objects;
  }

  /** The name of the Job whose completion ends the unit. */
  public String completionJob() {
    return completionJob;
  }
}

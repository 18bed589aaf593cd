package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.kubernetes.client.common.KubernetesObject;
import java.util.List;
import org.immutables.value.Value;

/**
 * What a strategy does for one unit, as a value: ordered {@link Step}s that one engine runs for
 * every strategy. Each step starts once the one before is done; the unit succeeds when the last is
 * done. Whatever happens, what the steps created is deleted at the end, newest first, unless a
 * user labelled it {@code k8up.io/keep: "true"}.
 */
@Value.Immutable
public abstract class Workflow {

  /** The steps, in order; at least one. */
  public abstract ImmutableList<Step> steps();

  @Value.Check
  void check() {
    checkState(!steps().isEmpty(), "a workflow needs a step");
  }

  /**
   * What the unit creates and patches, step by step, as {@code kubectl} shows it. A step that an
   * earlier one adjusts is shown as the strategy built it, before the adjustment.
   */
  public ImmutableList<KubernetesObject> manifests() {
    ImmutableList.Builder<KubernetesObject> manifests = ImmutableList.builder();
    steps().forEach(step -> manifests.addAll(step.manifests()));
    return manifests.build();
  }

  /** The workflow of {@code steps}, in order. */
  public static Workflow of(List<Step> steps) {
    return ImmutableWorkflow.builder().steps(steps).build();
  }

  /** The workflow of {@code steps}, in order. */
  public static Workflow of(Step... steps) {
    return of(List.of(steps));
  }
}

package io.k8up.core.run;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.k8up.core.plan.Subject;
import io.kubernetes.client.common.KubernetesObject;
import org.immutables.value.Value;

/**
 * What {@link Manifests#of} made of a plan: the objects a run would create, and the claims whose
 * strategy could not build them, each with why. One failing strategy fails only its own claims,
 * as in a run ({@link OutcomeReason#MATERIALIZE_FAILED}).
 */
@Value.Immutable
public abstract class MaterializedPlan {

  /** The objects, unit by unit in the plan's order. */
  public abstract ImmutableList<KubernetesObject> objects();

  /** The claims whose objects could not be built, in the plan's order, each with a sentence saying why. */
  public abstract ImmutableMap<Subject, String> failures();

  /** Whether a strategy failed to build the objects of some claim. */
  public boolean hasFailures() {
    return !failures().isEmpty();
  }

  static MaterializedPlan of(Iterable<? extends KubernetesObject> objects, ImmutableMap<Subject, String> failures) {
    return ImmutableMaterializedPlan.builder().objects(objects).failures(failures).build();
  }
}

package io.k8up.core.spi;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.kubernetes.client.common.KubernetesObject;
import java.util.Optional;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * One step of a {@link Workflow}: what to change in the cluster — objects to create, subresources
 * to patch — and how to tell from a look at the cluster whether the step is done.
 *
 * <p>The engine creates the objects in order (an object that exists already, from an earlier
 * process of the same run, is taken over), then applies the patches; at every look it lists the
 * kinds the step {@linkplain #observed() observes} by the run's labels, reads the objects it
 * {@linkplain #watched() watches}, and asks {@link #readiness()}. Objects are the client-java
 * models of their kinds, or {@code DynamicKubernetesObject}s; each needs apiVersion, kind,
 * namespace and name, the run's labels ({@link RunObjects#labels}) and a kind its strategy
 * {@linkplain VolumeAccessStrategy#createdKinds() declares}. Treat them as read-only.
 */
@Value.Immutable
@Value.Style(typeImmutable = "Immutable*", visibility = Value.Style.ImplementationVisibility.PUBLIC)
public abstract class Step {

  /** A short name for messages, such as {@code snapshot} or {@code backup}. */
  public abstract String name();

  /** The objects to create, in order; deleted in reverse order when the unit ends. */
  public abstract ImmutableList<KubernetesObject> objects();

  /** The subresource patches to apply once the objects exist; a patch cannot be undone. */
  public abstract ImmutableList<SubresourcePatch> patches();

  /** The kinds to list, by the run's labels, for the readiness check; {@link ResourceType#POD} for the unit's pods. */
  public abstract ImmutableSet<ResourceType> observed();

  /** Objects the run does not own that the readiness check reads, each once per look. */
  public abstract ImmutableList<ObjectRef> watched();

  /** Where the step stands, from a look. */
  public abstract Readiness readiness();

  /**
   * Whether the patches were applied already, by an earlier process of the same run, as the
   * watched objects show before they are applied; default never.
   */
  @Value.Default
  public Predicate<StepObservation> appliedWhen() {
    return observation -> false;
  }

  /** Builds the next step from what this one showed once done; default the next step as it is. */
  public abstract Optional<StepAdjuster> adjustNext();

  /**
   * What to tell the user when the server does not serve the API a create or patch of this step
   * needs (it answers 404), such as which CRDs to install.
   */
  public abstract Optional<String> notServedHint();

  /**
   * What becomes of the step's work when the run is interrupted, when it is not simply deleted:
   * a patch that cannot be undone, say.
   */
  public abstract Optional<String> interruptedNote();

  @Value.Check
  void check() {
    checkState(!objects().isEmpty() || !patches().isEmpty(), "step %s creates or patches nothing", name());
    for (KubernetesObject object : objects()) {
      checkState(object.getApiVersion() != null && object.getKind() != null,
          "every object of step %s needs apiVersion and kind", name());
      checkState(object.getMetadata() != null && object.getMetadata().getName() != null
          && object.getMetadata().getNamespace() != null, "every object of step %s needs a namespace and a name", name());
    }
  }

  /** The objects and patch bodies, as {@code kubectl} shows them, in order. */
  public ImmutableList<KubernetesObject> manifests() {
    ImmutableList.Builder<KubernetesObject> manifests = ImmutableList.<KubernetesObject>builder().addAll(objects());
    patches().forEach(patch -> manifests.add(patch.body()));
    return manifests.build();
  }

  /** A builder; name and readiness are required, and objects or patches. */
  public static ImmutableStep.Builder builder() {
    return ImmutableStep.builder();
  }
}

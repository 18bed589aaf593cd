package io.k8up.core.plan;

import java.util.Comparator;
import org.immutables.value.Value;

/** The object a decision is about: a claim or a pod, by namespace and name. */
@Value.Immutable
public abstract class Subject implements Comparable<Subject> {

  /** The kinds of object decisions are made for. */
  public enum Kind {
    PERSISTENT_VOLUME_CLAIM("PersistentVolumeClaim"),
    POD("Pod");

    private final String kubernetesName;

    Kind(String kubernetesName) {
      this.kubernetesName = kubernetesName;
    }

    /** The kind as Kubernetes names it, e.g. {@code PersistentVolumeClaim}. */
    public String kubernetesName() {
      return kubernetesName;
    }
  }

  /** Orders subjects by namespace, then kind (as Kubernetes names it), then name. */
  private static final Comparator<Subject> ORDER =
      Comparator.comparing(Subject::namespace)
          .thenComparing(subject -> subject.kind().kubernetesName())
          .thenComparing(Subject::name);

  @Value.Parameter
  public abstract Kind kind();

  @Value.Parameter
  public abstract String namespace();

  @Value.Parameter
  public abstract String name();

  /** The claim {@code namespace/name}. */
  public static Subject claim(String namespace, String name) {
    return ImmutableSubject.of(Kind.PERSISTENT_VOLUME_CLAIM, namespace, name);
  }

  /** The pod {@code namespace/name}. */
  public static Subject pod(String namespace, String name) {
    return ImmutableSubject.of(Kind.POD, namespace, name);
  }

  @Override
  public int compareTo(Subject other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind().kubernetesName() + " " + namespace() + "/" + name();
  }
}

package io.k8up.core.run;

import com.google.common.collect.ImmutableList;
import org.immutables.value.Value;

/** What a sweep did, object by object, each as {@code Kind namespace/name}. */
@Value.Immutable
public abstract class SweepReport {

  /** The objects deleted. */
  public abstract ImmutableList<String> deleted();

  /** The objects left on purpose, with why: VolumeSnapshots labelled {@code k8up.io/keep: "true"}. */
  public abstract ImmutableList<String> kept();

  /** The objects that could not be listed or deleted, with why. */
  public abstract ImmutableList<String> failed();

  /** How many HTTP requests the sweep made. */
  public abstract long apiRequests();

  public static ImmutableSweepReport.Builder builder() {
    return ImmutableSweepReport.builder();
  }
}

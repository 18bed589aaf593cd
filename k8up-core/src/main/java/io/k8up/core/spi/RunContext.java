package io.k8up.core.spi;

import io.k8up.core.snapshot.ClusterSnapshot;
import org.immutables.value.Value;

/** What a strategy needs, besides the unit, to build its workflow: the run, the tool and the cluster. */
@Value.Immutable
public abstract class RunContext {

  @Value.Parameter
  public abstract RunId runId();

  @Value.Parameter
  public abstract BackupToolSpec tool();

  /** The snapshot the unit was planned from: mounting pods, volumes, claims. */
  @Value.Parameter
  public abstract ClusterSnapshot snapshot();

  public static RunContext of(RunId runId, BackupToolSpec tool, ClusterSnapshot snapshot) {
    return ImmutableRunContext.of(runId, tool, snapshot);
  }
}

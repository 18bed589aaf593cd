package io.k8up.core.testing;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.support.JobSteps;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.util.List;
import java.util.function.Predicate;

/** A strategy for tests that supports the claims a predicate accepts. */
public final class TestStrategy implements VolumeAccessStrategy {

  private final String id;
  private final boolean requiresNode;
  private final Predicate<ClaimTarget> supported;
  private final String refusal;

  private final ImmutableList<ResourceType> createdKinds;

  private TestStrategy(String id, boolean requiresNode, Predicate<ClaimTarget> supported, String refusal) {
    this(id, requiresNode, supported, refusal, ImmutableList.of(ResourceType.JOB));
  }

  private TestStrategy(String id, boolean requiresNode, Predicate<ClaimTarget> supported, String refusal,
      ImmutableList<ResourceType> createdKinds) {
    this.createdKinds = createdKinds;
    this.id = id;
    this.requiresNode = requiresNode;
    this.supported = supported;
    this.refusal = refusal;
  }

  /** A node-bound strategy supporting what {@code supported} accepts, refusing the rest with {@code refusal}. */
  public static TestStrategy nodeBound(String id, Predicate<ClaimTarget> supported, String refusal) {
    return new TestStrategy(id, true, supported, refusal);
  }

  /** A strategy that needs no node, supporting what {@code supported} accepts. */
  public static TestStrategy nodeFree(String id, Predicate<ClaimTarget> supported, String refusal) {
    return new TestStrategy(id, false, supported, refusal);
  }

  /** This strategy, declaring that it creates {@code kinds}, as a snapshot strategy declares VolumeSnapshots. */
  public TestStrategy declaring(ResourceType... kinds) {
    return new TestStrategy(id, requiresNode, supported, refusal, ImmutableList.copyOf(kinds));
  }

  @Override
  public ImmutableList<ResourceType> createdKinds() {
    return createdKinds;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
    return supported.test(target) ? Support.supported() : Support.unsupported(refusal);
  }

  @Override
  public boolean requiresNode() {
    return requiresNode;
  }

  /** One Job that mounts nothing and runs the tool's command: enough for the executor to drive. */
  @Override
  public Workflow workflow(BackupUnit unit, RunContext context) {
    String name = RunObjects.name(context.runId(), unit);
    BackupToolSpec tool = context.tool();
    V1Job job = new V1Job()
        .apiVersion("batch/v1")
        .kind("Job")
        .metadata(new V1ObjectMeta()
            .name(name)
            .namespace(unit.namespace())
            .labels(RunObjects.labels(context.runId(), unit, tool))
            .annotations(RunObjects.annotations(unit, tool)))
        .spec(new V1JobSpec()
            .backoffLimit(0)
            .template(new V1PodTemplateSpec()
                .metadata(new V1ObjectMeta().labels(RunObjects.labels(context.runId(), unit, tool)))
                .spec(new V1PodSpec()
                    .restartPolicy("Never")
                    .containers(List.of(new V1Container()
                        .name("backup")
                        .image(tool.image())
                        .args(tool.renderArgs(unit.namespace(), context.runId(), unit.claimNames())))))));
    return Workflow.of(JobSteps.backup(job, context.runId()));
  }
}

package io.k8up.examples.josdk;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8up.core.K8upRwo;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.ImmutableExecutorOptions;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.RunId;
import io.k8up.fabric8.Fabric8Gateway;
import java.util.Collection;
import java.util.function.Consumer;

/** Builds the {@link K8upRwo} of one run of a schedule: its namespaces, strategies, limits and run id, on the fabric8 gateway. */
final class ScheduledBackups {

  private final ExecutorOptions options;
  private final Consumer<K8upRwo.Builder> settings;

  ScheduledBackups(ExecutorOptions options, Consumer<K8upRwo.Builder> settings) {
    this.options = options;
    this.settings = settings;
  }

  /**
   * Checks that {@code spec} can be run: its targets, strategies and limits.
   *
   * @throws IllegalArgumentException or IllegalStateException if the spec names no target or two,
   *     an unknown strategy or a limit below 1
   */
  void check(BackupScheduleSpec spec) {
    ScheduleTargets.check(spec);
    configured(spec).snapshot(ClusterSnapshot.empty()).build();
  }

  /**
   * The library for run {@code runId} of {@code spec} in {@code namespaces}.
   *
   * @throws IllegalArgumentException or IllegalStateException as {@link #check} does
   */
  K8upRwo of(BackupScheduleSpec spec, Collection<String> namespaces, RunId runId, KubernetesClient client) {
    return configured(spec).liveCluster(Fabric8Gateway.of(client), namespaces).runId(runId).build();
  }

  private K8upRwo.Builder configured(BackupScheduleSpec spec) {
    ImmutableExecutorOptions.Builder limits = ImmutableExecutorOptions.builder().from(options);
    if (spec.getMaxConcurrent() != null) {
      limits.maxConcurrent(spec.getMaxConcurrent());
    }
    if (spec.getMaxPerNode() != null) {
      limits.maxPerNode(spec.getMaxPerNode());
    }
    K8upRwo.Builder backups = K8upRwo.builder();
    settings.accept(backups);
    backups.requireOptIn(spec.isRequireOptIn()).executorOptions(limits.build());
    if (!spec.getStrategyOrder().isEmpty()) {
      backups.strategyOrder(spec.getStrategyOrder());
    }
    return backups;
  }

  /**
   * The library that sweeps run {@code runId} in {@code namespaces}: with every installed strategy,
   * whatever the spec says now, so that a spec edited since the run cannot hide its objects.
   */
  K8upRwo sweeper(Collection<String> namespaces, RunId runId, KubernetesClient client) {
    K8upRwo.Builder backups = K8upRwo.builder();
    settings.accept(backups);
    return backups.liveCluster(Fabric8Gateway.of(client), namespaces).executorOptions(options)
        .strategies(InstalledStrategies.load().all()).runId(runId).build();
  }
}

package io.k8up.strategy.ephemeral.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.ToolEnvironment;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;

/**
 * The ephemeral container that runs the backup tool over the pod's volumes. It sets only what the
 * API allows an ephemeral container: no resources, ports, probes or lifecycle hooks. The tool's
 * resources, service account, labels, annotations and supplemental groups have no place in it.
 */
final class ToolContainer {

  private ToolContainer() {}

  /**
   * The tool's container, named after the run, the unit and its attempt, so that a re-run with the
   * same run id finds it in the pod. Secrets are referenced by name and key only; their values are
   * never read, so no manifest or log holds one.
   *
   * @throws IllegalArgumentException if {@code pod} has no volume for a claim of the unit
   */
  static V1EphemeralContainer of(BackupUnit unit, RunContext context, Pod pod) {
    BackupToolSpec tool = context.tool();
    V1EphemeralContainer container = new V1EphemeralContainer()
        .name(RunObjects.name(context.runId(), unit))
        .image(tool.image())
        .imagePullPolicy("IfNotPresent")
        .args(tool.renderArgs(unit.namespace(), context.runId(), unit.claimNames()))
        .env(ToolEnvironment.env(tool))
        .envFrom(ToolEnvironment.envFrom(tool))
        .volumeMounts(VolumeMounts.of(unit, pod))
        .securityContext(SecurityContexts.container(tool, pod))
        // The tool's last output lines become the termination message the executor reports.
        .terminationMessagePolicy("FallbackToLogsOnError");
    ImmutableList<String> command = tool.renderCommand(unit.namespace(), context.runId(), unit.claimNames());
    if (!command.isEmpty()) {
      container.command(command);
    }
    return container;
  }
}

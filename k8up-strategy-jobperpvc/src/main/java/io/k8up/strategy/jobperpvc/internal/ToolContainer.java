package io.k8up.strategy.jobperpvc.internal;

import com.google.common.collect.ImmutableList;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.ToolEnvironment;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.custom.QuantityFormatException;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The container that runs the backup tool over the unit's mounted claims. */
final class ToolContainer {

  static final String NAME = "backup";

  private ToolContainer() {}

  /**
   * The tool's container. Secrets are referenced by name and key only; their values are never
   * read, so no manifest or log holds one.
   *
   * @throws IllegalArgumentException if a resource amount of the tool is not a Kubernetes quantity
   */
  static V1Container of(BackupUnit unit, RunContext context, BackupIdentity identity) {
    BackupToolSpec tool = context.tool();
    V1Container container = new V1Container()
        .name(NAME)
        .image(tool.image())
        .imagePullPolicy("IfNotPresent")
        .args(tool.renderArgs(unit.namespace(), context.runId(), unit.claimNames()))
        .env(ToolEnvironment.env(tool))
        .envFrom(ToolEnvironment.envFrom(tool))
        .volumeMounts(PodVolumes.mounts(unit, tool))
        .securityContext(SecurityContexts.container(identity))
        // The tool's last output lines become the termination message the executor reports.
        .terminationMessagePolicy("FallbackToLogsOnError");
    ImmutableList<String> command = tool.renderCommand(unit.namespace(), context.runId(), unit.claimNames());
    if (!command.isEmpty()) {
      container.command(command);
    }
    if (!tool.resourceRequests().isEmpty() || !tool.resourceLimits().isEmpty()) {
      container.resources(new V1ResourceRequirements()
          .requests(quantities("request", tool.resourceRequests()))
          .limits(quantities("limit", tool.resourceLimits())));
    }
    return container;
  }

  /** The amounts by resource name, sorted: their order means nothing, so it is made canonical. */
  private static SortedMap<String, Quantity> quantities(String kind, Map<String, String> amounts) {
    SortedMap<String, Quantity> quantities = new TreeMap<>();
    amounts.forEach((resource, amount) -> {
      try {
        quantities.put(resource, new Quantity(amount));
      } catch (QuantityFormatException e) {
        throw new IllegalArgumentException(
            "the backup tool's resource " + kind + " " + resource + ": \"" + amount
                + "\" is not a Kubernetes quantity such as 100m or 512Mi", e);
      }
    });
    return quantities;
  }
}

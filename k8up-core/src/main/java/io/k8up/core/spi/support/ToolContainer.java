package io.k8up.core.spi.support;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunObjects;
import io.k8up.core.spi.ToolEnvironment;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.custom.QuantityFormatException;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EphemeralContainer;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The container that runs the backup tool over a unit's claims, mounted at {@code /data/<claim>}:
 * the tool's image, command, arguments and environment. Secrets are referenced by name and key
 * only; their values are never read, so no manifest or log holds one.
 */
public final class ToolContainer {

  /** The name of the tool's container in a backup pod. */
  public static final String NAME = "backup";

  private ToolContainer() {}

  /**
   * The tool's container in a backup pod whose volumes are {@link PodVolumes#volumes}, running as
   * {@code identity} under {@link SecurityContexts#container}, with the tool's resources.
   *
   * @throws IllegalArgumentException if a resource amount of the tool is not a Kubernetes quantity
   */
  public static V1Container container(BackupUnit unit, RunContext context, BackupIdentity identity) {
    checkNotNull(identity, "identity");
    BackupToolSpec tool = context.tool();
    V1Container container = common(unit, context)
        .name(NAME)
        .volumeMounts(PodVolumes.mounts(unit, tool))
        .securityContext(SecurityContexts.container(identity));
    if (!tool.resourceRequests().isEmpty() || !tool.resourceLimits().isEmpty()) {
      container.resources(new V1ResourceRequirements()
          .requests(quantities("request", tool.resourceRequests()))
          .limits(quantities("limit", tool.resourceLimits())));
    }
    return container;
  }

  /**
   * The tool's ephemeral container for the running {@code pod}, mounting the pod's own volumes
   * ({@link PodVolumes#mountsIn}) under {@link SecurityContexts#ephemeralContainer}. It is named
   * {@link RunObjects#name}, so that a re-run with the same run id finds it in the pod, and sets
   * only what the API allows an ephemeral container: no resources, ports, probes or lifecycle
   * hooks; the tool's resources have no place in it.
   *
   * @throws IllegalArgumentException if {@code pod} has no volume for a claim of the unit
   */
  public static V1EphemeralContainer ephemeralContainer(
      BackupUnit unit, RunContext context, Pod pod, BackupIdentity identity) {
    checkNotNull(pod, "pod");
    checkNotNull(identity, "identity");
    V1Container common = common(unit, context);
    return new V1EphemeralContainer()
        .name(RunObjects.name(context.runId(), unit))
        .image(common.getImage())
        .imagePullPolicy(common.getImagePullPolicy())
        .command(common.getCommand())
        .args(common.getArgs())
        .env(common.getEnv())
        .envFrom(common.getEnvFrom())
        .volumeMounts(PodVolumes.mountsIn(pod, unit))
        .securityContext(SecurityContexts.ephemeralContainer(identity, pod))
        .terminationMessagePolicy(common.getTerminationMessagePolicy());
  }

  /** What every kind of tool container holds, named by neither. */
  private static V1Container common(BackupUnit unit, RunContext context) {
    checkNotNull(unit, "unit");
    checkNotNull(context, "context");
    BackupToolSpec tool = context.tool();
    ImmutableList<String> command = tool.renderCommand(unit.namespace(), context.runId(), unit.claimNames());
    V1Container container = new V1Container()
        .image(tool.image())
        .imagePullPolicy("IfNotPresent")
        .args(tool.renderArgs(unit.namespace(), context.runId(), unit.claimNames()))
        .env(ToolEnvironment.env(tool))
        .envFrom(ToolEnvironment.envFrom(tool))
        // The tool's last output lines become the termination message the executor reports.
        .terminationMessagePolicy("FallbackToLogsOnError");
    // Without a command of its own, the tool runs the image's entry point.
    if (!command.isEmpty()) {
      container.command(command);
    }
    return container;
  }

  /** The amounts by resource name, sorted: their order means nothing, so it is made canonical. */
  static SortedMap<String, Quantity> quantities(String kind, Map<String, String> amounts) {
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

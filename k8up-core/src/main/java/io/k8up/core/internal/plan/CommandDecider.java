package io.k8up.core.internal.plan;

import io.k8up.core.model.CommandTarget;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.Decision;
import io.k8up.core.plan.DecisionReason;
import io.k8up.core.plan.Subject;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the pods that carry a backup command: each active one is backed up by running it, except
 * that pods of one controller run it once.
 */
public final class CommandDecider {

  private final boolean oncePerController;

  public CommandDecider(boolean oncePerController) {
    this.oncePerController = oncePerController;
  }

  /** Whether {@code pod} gets a decision of its own. */
  public static boolean hasCommand(Pod pod) {
    return pod.isActive() && pod.annotations().containsKey(K8upAnnotations.BACKUP_COMMAND);
  }

  /**
   * The decision for {@code pod}, one of those {@link #hasCommand} accepts; pods must be offered in
   * snapshot order so the same pod of a controller is always the one that runs the command.
   *
   * @param runnerByController the pod that runs each controller's command so far, by controller
   *     UID; updated here
   */
  public Decision decide(Pod pod, Map<String, String> runnerByController) {
    Subject subject = Subject.pod(pod.namespace(), pod.name());
    String command = pod.annotations().get(K8upAnnotations.BACKUP_COMMAND);
    if (command.isBlank()) {
      return Decision.fail(subject, DecisionReason.INVALID_ANNOTATION,
          "The " + K8upAnnotations.BACKUP_COMMAND + " annotation is empty. Set it to the command whose"
              + " output is the backup, or remove it.");
    }
    String named = pod.annotations().get(K8upAnnotations.BACKUP_COMMAND_CONTAINER);
    if (named == null && pod.containerNames().isEmpty()) {
      return Decision.fail(subject, DecisionReason.INVALID_ANNOTATION,
          "The pod has no container to run its backup command in.");
    }
    String container = named != null ? named : pod.containerNames().get(0);
    if (!pod.containerNames().contains(container)) {
      return Decision.fail(subject, DecisionReason.INVALID_ANNOTATION,
          "The " + K8upAnnotations.BACKUP_COMMAND_CONTAINER + " annotation names container \"" + container
              + "\", which the pod does not have (it has " + String.join(", ", pod.containerNames())
              + "). Fix the annotation.");
    }
    Optional<String> controller = pod.controllerUid();
    if (oncePerController && controller.isPresent()) {
      String runner = runnerByController.putIfAbsent(controller.get(), pod.name());
      if (runner != null) {
        return Decision.skip(subject, DecisionReason.SAME_OWNER,
            "Pod " + runner + " has the same controller and runs the same backup command; it runs once per"
                + " controller. Turn that off in the planner to run it in every pod.");
      }
    }
    CommandTarget target = CommandTarget.builder()
        .namespace(pod.namespace())
        .name(pod.name())
        .command(command)
        .container(container)
        .fileExtension(Optional.ofNullable(pod.annotations().get(K8upAnnotations.FILE_EXTENSION)))
        .node(pod.nodeName())
        .build();
    return Decision.backup(subject, target, DecisionReason.BACKUP_COMMAND,
        "Runs the backup command in container " + container + " of pod " + pod.name()
            + pod.nodeName().map(node -> " on node " + node).orElse(" (not yet scheduled to a node)") + ".");
  }
}

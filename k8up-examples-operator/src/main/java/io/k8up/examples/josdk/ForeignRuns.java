package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.spi.RunId;
import java.util.Collection;
import java.util.Optional;

/**
 * Finds a backup of another run still going on in a namespace: an unfinished Job the library
 * labelled as another run's. The in-process {@link NamespaceLocks} cannot see one: it may be the
 * run of a schedule whose operator died mid-run (the SDK then reconciles every schedule at once,
 * in any order, before that schedule's own run adopts the Job), or a run of another process, such
 * as the command line. One list of Jobs per namespace, which the backup role already grants.
 * Only Jobs are seen, the objects of the strategies this operator installs.
 */
final class ForeignRuns {

  private ForeignRuns() {}

  /**
   * An unfinished Job of a run other than {@code own} in {@code namespaces}, as {@code
   * namespace/name of run id}.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException if the Jobs cannot be listed
   */
  static Optional<String> running(KubernetesClient client, Collection<String> namespaces, RunId own) {
    for (String namespace : namespaces) {
      for (Job job : client.batch().v1().jobs().inNamespace(namespace)
          .withLabel(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE).list().getItems()) {
        String run = job.getMetadata().getLabels().get(K8upAnnotations.RUN_ID_LABEL);
        if (run != null && !run.equals(own.value()) && job.getMetadata().getDeletionTimestamp() == null
            && !finished(job)) {
          return Optional.of(namespace + "/" + job.getMetadata().getName() + " of run " + run);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean finished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream().anyMatch(condition -> "True".equals(condition.getStatus())
            && ("Complete".equals(condition.getType()) || "Failed".equals(condition.getType())));
  }
}

package io.k8up.examples.josdk;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends every Job of a namespace it sees with the condition it is given ({@code Complete} or
 * {@code Failed}), as the Job controller of a cluster would; a test thread plays it.
 */
final class JobController implements AutoCloseable {

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean stopped;

  JobController(KubernetesClient client, String namespace, String condition) {
    thread = new Thread(() -> {
      while (!stopped) {
        for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
          if (seen.add(job.getMetadata().getName())) {
            job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(condition)
                .withStatus("True").build()).build());
            client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
          }
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "fake-job-controller");
    thread.setDaemon(true);
    thread.start();
  }

  /** The names of the Jobs it ended. */
  Set<String> seen() {
    return Set.copyOf(seen);
  }

  @Override
  public void close() throws InterruptedException {
    // No interrupt: one would cut a request in flight; the loop sees the flag within one pass.
    stopped = true;
    thread.join(10_000);
  }
}

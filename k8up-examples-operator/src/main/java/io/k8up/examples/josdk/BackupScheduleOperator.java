package io.k8up.examples.josdk;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;

/**
 * Starts the operator with the cluster configuration fabric8 finds (in-cluster service account or
 * kubeconfig), reconciling {@link BackupSchedule}s in every namespace its RBAC lets it watch.
 */
public final class BackupScheduleOperator {

  private BackupScheduleOperator() {}

  /** Registers {@link BackupScheduleReconciler} and runs until the process is stopped. */
  public static void main(String[] args) {
    // fabric8 would retry each failed request itself, under the library's own retries
    // (Fabric8Gateway): one policy, the library's, decides how often a request is tried.
    Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestRetryBackoffLimit(0).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Operator operator = new Operator(overrider -> overrider.withKubernetesClient(client));
    operator.register(BackupScheduleReconciler.builder().build());
    operator.start();
  }
}

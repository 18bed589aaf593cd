package io.k8up.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import com.google.gson.JsonObject;
import io.k8up.core.K8upRwo;
import io.k8up.core.kube.KubeFailure;
import io.k8up.core.kube.ForwardingKubeGateway;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.plan.Action;
import io.k8up.core.plan.BackupPlan;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The library built from a fabric8 client alone, as a Java Operator SDK operator would: it reads the
 * cluster, plans, runs a backup Job and cleans it up, every call through {@link Fabric8Gateway},
 * against fabric8's mock API server with a Job controller played by the test.
 */
@Timeout(60)
class K8upRwoOnFabric8Test {

  @RegisterExtension final Fabric8MockServer api = new Fabric8MockServer();

  @Test
  void aFabric8ClientAloneReadsPlansRunsAndCleansUpABackup() throws Exception {
    KubernetesClient client = api.client();
    claimInUse(client);

    K8upRwo backups = K8upRwo.builder()
        .liveCluster(Fabric8Gateway.of(client), List.of("shop"))
        .strategyOrder(List.of("job-per-pvc"))
        .runId(RunId.of("fabric8"))
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(20)).build())
        .build();

    BackupPlan plan = backups.plan();
    assertThat(plan.decisions()).singleElement().satisfies(decision -> {
      assertThat(decision.action()).isEqualTo(Action.BACKUP);
      assertThat(decision.node()).contains("worker-1");
    });

    Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
    BackupReport report;
    try (JobController controller = new JobController(client, jobsSeen)) {
      report = backups.run();
    }

    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.strategy()).contains("job-per-pvc");
    assertThat(jobsSeen).singleElement().asString().startsWith("k8up-rwo-fabric8-");
    assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).as("cleaned up").isEmpty();
    assertThat(report.apiRequests()).isPositive();
  }

  @Test
  void aJobThatExistsAlreadyIsAdoptedFromTheConflictNotCreatedTwice() throws Exception {
    KubernetesClient client = api.client();
    claimInUse(client);
    // Each Job create is sent twice, as when an answer was lost and the create tried again: the
    // second gets the mock server's real 409 AlreadyExists through fabric8.
    CreatesTwice gateway = new CreatesTwice(Fabric8Gateway.of(client));
    K8upRwo backups = K8upRwo.builder()
        .liveCluster(gateway, List.of("shop"))
        .strategyOrder(List.of("job-per-pvc"))
        .runId(RunId.of("adopt"))
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(20)).build())
        .build();

    Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
    BackupReport report;
    try (JobController controller = new JobController(client, jobsSeen)) {
      report = backups.run();
    }

    assertThat(gateway.conflicts).as("the second create of the Job was refused as a conflict").singleElement()
        .satisfies(conflict -> assertThat(conflict.isConflict()).as(conflict.getMessage()).isTrue());
    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(jobsSeen).singleElement().asString().startsWith("k8up-rwo-adopt-");
    assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).as("cleaned up").isEmpty();
  }

  /** A bound claim "data" in namespace shop, its volume, and a running pod on worker-1 that mounts it. */
  private static void claimInUse(KubernetesClient client) {
    client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName("pv-data")
        .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withCapacity(Map.of("storage",
            new Quantity("1Gi"))).endSpec().build()).create();
    client.persistentVolumeClaims().inNamespace("shop").resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").withNamespace("shop").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withVolumeName("pv-data").endSpec()
        .withNewStatus().withPhase("Bound").withAccessModes("ReadWriteOnce").endStatus().build()).create();
    client.pods().inNamespace("shop").resource(new PodBuilder()
        .withNewMetadata().withName("app-0").withNamespace("shop").endMetadata()
        .withNewSpec().withNodeName("worker-1").addNewContainer().withName("app").withImage("app").endContainer()
        .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data").endPersistentVolumeClaim()
        .endVolume().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build()).create();
  }

  /**
   * Sends each create of a Job twice and hands the engine the server's answer to the second, as if
   * the first one's answer had been lost.
   */
  private static final class CreatesTwice extends ForwardingKubeGateway {
    private final List<KubeFailure> conflicts = new CopyOnWriteArrayList<>();

    CreatesTwice(KubeGateway gateway) {
      super(gateway);
    }

    @Override
    public JsonObject create(ResourceType type, JsonObject object) throws KubeFailure, InterruptedException {
      JsonObject created = delegate().create(type, object);
      if (!type.equals(ResourceType.JOB)) {
        return created;
      }
      try {
        delegate().create(type, object);
      } catch (KubeFailure e) {
        conflicts.add(e);
        throw e;
      }
      throw new AssertionError("the server created a Job of the same name twice");
    }
  }

  /** Completes every Job of namespace shop it sees, as the Job controller of a cluster would. */
  private static final class JobController implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    JobController(KubernetesClient client, Set<String> seen) {
      thread = new Thread(() -> {
        while (!stopped) {
          for (Job job : client.batch().v1().jobs().inNamespace("shop").list().getItems()) {
            if (seen.add(job.getMetadata().getName())) {
              job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Complete")
                  .withStatus("True").build()).build());
              client.batch().v1().jobs().inNamespace("shop").resource(job).updateStatus();
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

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.interrupt();
      thread.join(5_000);
    }
  }
}

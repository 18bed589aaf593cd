package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.ListQuery;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.spi.InstalledStrategies;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.RunObjects;
import io.k8up.fabric8.Fabric8Gateway;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconciler called as the Java Operator SDK calls it, with a {@link Context} that gives it
 * the test's fabric8 client, against fabric8's mock API server in CRUD mode; a test thread plays
 * the Job controller, and the test applies the status patch the reconciler returns, as the SDK does.
 */
@Timeout(60)
class BackupScheduleReconcilerTest {

  /** The finalizer the SDK puts on a schedule, as the reconciler is a {@code Cleaner}. */
  private static final String FINALIZER = "backupschedules.backup.k8up.io/finalizer";

  @RegisterExtension final MockApiServer api = new MockApiServer();

  private final ExecutorOptions fast = ExecutorOptions.builder().pollInterval(Duration.ofMillis(20)).build();

  @Test
  void aDueScheduleRunsTheJobsOfABackupAndWritesOutcomesConditionsAndAnEvent() throws Exception {
    KubernetesClient client = api.client();
    Cluster.claimInUse(client, "shop");
    BackupSchedule schedule = Cluster.schedule(client, "nightly", "shop");
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder().executorOptions(fast).build();

    UpdateControl<BackupSchedule> control;
    List<String> jobs;
    try (JobController jobController = new JobController(client, "shop", "Complete")) {
      control = reconciler.reconcile(schedule, contextOf(client));
      jobs = List.copyOf(jobController.seen());
    }

    assertThat(control.isPatchStatus()).isTrue();
    assertThat(control.getScheduleDelay()).contains(Duration.ofHours(1).toMillis());
    BackupSchedule stored = applyStatus(client, control);
    BackupScheduleStatus status = stored.getStatus();
    assertThat(jobs).singleElement().asString().startsWith("k8up-rwo-" + status.getLastRunId());
    assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).as("run cleaned up").isEmpty();
    assertThat(status.getOutcomes()).singleElement().satisfies(outcome -> {
      assertThat(outcome.getName()).isEqualTo("shop/data");
      assertThat(outcome.getStatus()).as(outcome.getMessage()).isEqualTo("SUCCEEDED");
    });
    assertThat(status.getSummary().getSucceeded()).isEqualTo(1);
    assertThat(status.getLastStartTime()).isNotNull();
    assertThat(status.getLastEndTime()).isNotNull();
    assertThat(status.getConditions()).extracting(Condition::getType, Condition::getStatus)
        .containsExactlyInAnyOrder(tuple("Ready", "True"), tuple("Succeeded", "True"));
    assertThat(status.getConditions()).allSatisfy(condition -> {
      assertThat(condition.getObservedGeneration()).isEqualTo(stored.getMetadata().getGeneration());
      assertThat(Instant.parse(condition.getLastTransitionTime()).getNano()).as("whole seconds").isZero();
      assertThat(condition.getReason()).matches("[A-Z][A-Za-z0-9]*");
      assertThat(condition.getMessage()).isNotBlank();
    });
    assertThat(client.v1().events().inNamespace("ops").list().getItems()).extracting(Event::getReason)
        .containsExactly("BackupSucceeded");

    UpdateControl<BackupSchedule> next = reconciler.reconcile(stored, contextOf(client));
    assertThat(next.isNoUpdate()).as("not due again within the hour").isTrue();
    assertThat(next.getScheduleDelay()).hasValueSatisfying(delay ->
        assertThat(delay).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis()));
  }

  @Test
  void aDeletedScheduleLeavesNothingBehind() throws Exception {
    KubernetesClient client = api.client();
    Cluster.claimInUse(client, "shop");
    BackupSchedule schedule = Cluster.schedule(client, "nightly", "shop");
    schedule.getMetadata().setFinalizers(List.of(FINALIZER));
    schedule = client.resource(schedule).update();
    Set<String> before = objectsIn(client, "shop");
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder()
        .executorOptions(ExecutorOptions.builder().from(fast).keepFailedUnits(true).build()).build();

    UpdateControl<BackupSchedule> control;
    try (JobController jobController = new JobController(client, "shop", "Failed")) {
      control = reconciler.reconcile(schedule, contextOf(client));
    }
    BackupSchedule stored = applyStatus(client, control);
    assertThat(stored.getStatus().getOutcomes()).singleElement().extracting(ClaimOutcome::getStatus)
        .isEqualTo("FAILED");
    assertThat(stored.getStatus().getConditions()).filteredOn(condition -> condition.getType().equals("Succeeded"))
        .singleElement().extracting(Condition::getStatus).isEqualTo("False");
    assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems())
        .as("the failed Job is kept for inspection").isNotEmpty();
    // And the Job of the next run, begun by an operator that died before it could clean up.
    createJobOf(client, "shop", DueRun.of(stored).runId());
    assertThat(objectsIn(client, "shop")).hasSize(before.size() + 2);

    client.resource(stored).delete();
    BackupSchedule deleting = client.resources(BackupSchedule.class).inNamespace("ops").withName("nightly").get();
    assertThat(deleting.getMetadata().getDeletionTimestamp()).as("held by the finalizer").isNotNull();
    DeleteControl deleted = reconciler.cleanup(deleting, contextOf(client));
    assertThat(deleted.isRemoveFinalizer()).isTrue();
    // What the SDK does when cleanup allows it: the finalizer goes, and with it the schedule.
    deleting.getMetadata().setFinalizers(List.of());
    client.resource(deleting).update();

    assertThat(client.resources(BackupSchedule.class).inNamespace("ops").withName("nightly").get()).isNull();
    assertThat(objectsIn(client, "shop")).as("swept: the last run's Job and the pending run's").isEqualTo(before);
    assertThat(client.pods().inNamespace("shop").list().getItems()).extracting(pod -> pod.getMetadata().getName())
        .containsExactly("app-0");
  }

  /** Every object of the kinds a run or a strategy could create in {@code namespace}, as kind/name. */
  private static Set<String> objectsIn(KubernetesClient client, String namespace) throws Exception {
    Set<ResourceType> kinds = new LinkedHashSet<>(List.of(ResourceType.JOB, ResourceType.POD,
        ResourceType.PERSISTENT_VOLUME_CLAIM));
    InstalledStrategies.load().all().forEach(strategy -> kinds.addAll(strategy.createdKinds()));
    KubeGateway gateway = Fabric8Gateway.of(client);
    Set<String> objects = new TreeSet<>();
    for (ResourceType kind : kinds) {
      gateway.list(kind, ListQuery.in(namespace)).forEach(object -> objects.add(kind.plural() + "/"
          + object.getAsJsonObject("metadata").get("name").getAsString()));
    }
    client.configMaps().inNamespace(namespace).list().getItems()
        .forEach(map -> objects.add("configmaps/" + map.getMetadata().getName()));
    client.secrets().inNamespace(namespace).list().getItems()
        .forEach(secret -> objects.add("secrets/" + secret.getMetadata().getName()));
    return objects;
  }

  /** A Job labelled as run {@code runId}'s, as the library labels what it creates. */
  private static void createJobOf(KubernetesClient client, String namespace, RunId runId) {
    client.batch().v1().jobs().inNamespace(namespace).resource(new JobBuilder().withNewMetadata()
        .withName(RunObjects.PREFIX + runId.value() + "-orphan").withNamespace(namespace)
        .addToLabels(K8upAnnotations.MANAGED_BY_LABEL, K8upAnnotations.MANAGED_BY_VALUE)
        .addToLabels(K8upAnnotations.RUN_ID_LABEL, runId.value()).endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c")
        .withImage("restic").endContainer().endSpec().endTemplate().endSpec().build()).create();
  }

  @Test
  void twoSchedulesOfOneNamespaceDoNotBackItUpAtOnce() throws Exception {
    KubernetesClient client = api.client();
    Cluster.claimInUse(client, "shop");
    BackupSchedule first = Cluster.schedule(client, "nightly", "shop");
    BackupSchedule second = Cluster.schedule(client, "hourly", "shop");
    NamespaceLocks locks = new NamespaceLocks();
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder().locks(locks).executorOptions(fast)
        .retryDelay(Duration.ofSeconds(7)).build();

    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<UpdateControl<BackupSchedule>> running;
      // No Job controller yet: the first run waits for its Job while the second schedule comes due.
      running = thread.submit(() -> reconciler.reconcile(first, contextOf(client)));
      awaitJobIn(client, "shop");
      assertThat(locks.holder("shop")).contains("ops/nightly");

      UpdateControl<BackupSchedule> busy = reconciler.reconcile(second, contextOf(client));

      assertThat(busy.isNoUpdate()).isTrue();
      assertThat(busy.getScheduleDelay()).contains(Duration.ofSeconds(7).toMillis());
      try (JobController jobController = new JobController(client, "shop", "Complete")) {
        assertThat(running.get(30, TimeUnit.SECONDS).isPatchStatus()).isTrue();
      }
      assertThat(locks.holder("shop")).as("released when the run ends").isEmpty();
      try (JobController jobController = new JobController(client, "shop", "Complete")) {
        assertThat(reconciler.reconcile(second, contextOf(client)).isPatchStatus()).as("runs once free").isTrue();
      }
    } finally {
      thread.shutdownNow();
      assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aScheduleByLabelBacksUpEverySelectedNamespaceAndItsDeletionSweepsThemAll() throws Exception {
    KubernetesClient client = api.client();
    Map<String, String> hourly = Map.of("backup", "hourly");
    Cluster.namespace(client, "shop", hourly);
    Cluster.namespace(client, "stock", hourly);
    Cluster.namespace(client, "dev", Map.of("backup", "never"));
    for (String namespace : List.of("shop", "stock", "dev")) {
      Cluster.claimInUse(client, namespace);
    }
    BackupSchedule schedule = Cluster.scheduleSelecting(client, "hourly", hourly);
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder()
        .executorOptions(ExecutorOptions.builder().from(fast).keepFailedUnits(true).build()).build();

    UpdateControl<BackupSchedule> control;
    Set<String> devJobs;
    try (JobController shop = new JobController(client, "shop", "Complete");
        JobController stock = new JobController(client, "stock", "Failed");
        JobController dev = new JobController(client, "dev", "Complete")) {
      control = reconciler.reconcile(schedule, contextOf(client));
      devJobs = dev.seen();
    }

    BackupSchedule stored = applyStatus(client, control);
    BackupScheduleStatus status = stored.getStatus();
    assertThat(devJobs).as("dev is not selected").isEmpty();
    assertThat(status.getLastNamespaces()).containsExactly("shop", "stock");
    assertThat(status.getOutcomes()).extracting(ClaimOutcome::getName, ClaimOutcome::getStatus)
        .containsExactlyInAnyOrder(tuple("shop/data", "SUCCEEDED"), tuple("stock/data", "FAILED"));
    assertThat(status.getSummary().getSucceeded()).isEqualTo(1);
    assertThat(status.getSummary().getFailed()).isEqualTo(1);
    assertThat(client.batch().v1().jobs().inNamespace("stock").list().getItems()).as("kept for inspection")
        .isNotEmpty();

    // stock is no longer selected, but the last run backed it up: the deletion still sweeps it.
    client.namespaces().withName("stock").edit(namespace -> {
      namespace.getMetadata().setLabels(Map.of());
      return namespace;
    });
    assertThat(reconciler.cleanup(stored, contextOf(client)).isRemoveFinalizer()).isTrue();
    assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void aScheduleByLabelWaitsForAllItsNamespacesAndHoldsNoneWhileItWaits() throws Exception {
    KubernetesClient client = api.client();
    Map<String, String> hourly = Map.of("backup", "hourly");
    Cluster.namespace(client, "shop", hourly);
    Cluster.namespace(client, "stock", hourly);
    Cluster.claimInUse(client, "shop");
    Cluster.claimInUse(client, "stock");
    BackupSchedule byName = Cluster.schedule(client, "stock-nightly", "stock");
    BackupSchedule byLabel = Cluster.scheduleSelecting(client, "hourly", hourly);
    NamespaceLocks locks = new NamespaceLocks();
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder().locks(locks).executorOptions(fast)
        .retryDelay(Duration.ofSeconds(7)).build();

    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      // No Job controller yet: the run of stock waits for its Job while the other schedule comes due.
      Future<UpdateControl<BackupSchedule>> running = thread.submit(() -> reconciler.reconcile(byName, contextOf(client)));
      awaitJobIn(client, "stock");

      UpdateControl<BackupSchedule> busy = reconciler.reconcile(byLabel, contextOf(client));

      assertThat(busy.isNoUpdate()).isTrue();
      assertThat(busy.getScheduleDelay()).contains(Duration.ofSeconds(7).toMillis());
      assertThat(locks.holder("shop")).as("all or none: shop is not held while stock is busy").isEmpty();
      assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).isEmpty();
      try (JobController stock = new JobController(client, "stock", "Complete")) {
        assertThat(running.get(30, TimeUnit.SECONDS).isPatchStatus()).isTrue();
      }
      try (JobController shop = new JobController(client, "shop", "Complete");
          JobController stock = new JobController(client, "stock", "Complete")) {
        assertThat(reconciler.reconcile(byLabel, contextOf(client)).isPatchStatus()).as("runs once free").isTrue();
      }
    } finally {
      thread.shutdownNow();
      assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aSelectorThatSelectsNoNamespaceSaysWhatToDoAndLooksAgain() {
    KubernetesClient client = api.client();
    Cluster.namespace(client, "shop", Map.of());
    BackupSchedule schedule = Cluster.scheduleSelecting(client, "hourly", Map.of("backup", "hourly"));

    UpdateControl<BackupSchedule> control = BackupScheduleReconciler.builder().retryDelay(Duration.ofSeconds(7))
        .build().reconcile(schedule, contextOf(client));

    assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(7).toMillis());
    assertThat(control.getResource().orElseThrow().getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getType()).isEqualTo("Ready");
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("NoNamespaceSelected");
      assertThat(ready.getMessage()).contains("label the namespaces to back up");
    });
  }

  @Test
  void aSelectorWithAnUnknownOperatorIsInvalid() {
    KubernetesClient client = api.client();
    BackupSchedule schedule = Cluster.scheduleSelecting(client, "hourly", Map.of());
    schedule.getSpec().getNamespaceSelector().setMatchExpressions(List.of(new LabelSelectorRequirementBuilder()
        .withKey("backup").withOperator("Sometimes").withValues("hourly").build()));

    UpdateControl<BackupSchedule> control = BackupScheduleReconciler.builder().build()
        .reconcile(schedule, contextOf(client));

    assertThat(control.getScheduleDelay()).as("retrying cannot help").isEmpty();
    assertThat(control.getResource().orElseThrow().getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getReason()).isEqualTo("InvalidSpec");
      assertThat(ready.getMessage()).startsWith("spec.namespaceSelector cannot be used: ");
    });
  }

  @Test
  void aScheduleWithBothANamespaceAndASelectorIsInvalid() {
    KubernetesClient client = api.client();
    BackupSchedule schedule = Cluster.scheduleSelecting(client, "hourly", Map.of("backup", "hourly"));
    schedule.getSpec().setNamespace("shop");

    UpdateControl<BackupSchedule> control = BackupScheduleReconciler.builder().build()
        .reconcile(schedule, contextOf(client));

    assertThat(control.getScheduleDelay()).as("retrying cannot help").isEmpty();
    assertThat(control.getResource().orElseThrow().getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getReason()).isEqualTo("InvalidSpec");
      assertThat(ready.getMessage()).isEqualTo("set exactly one of spec.namespace and spec.namespaceSelector");
    });
  }

  @Test
  void aBackupOfAnotherRunStillGoingOnInTheNamespaceHoldsTheScheduleBack() throws Exception {
    KubernetesClient client = api.client();
    Cluster.claimInUse(client, "shop");
    BackupSchedule schedule = Cluster.schedule(client, "nightly", "shop");
    // An unfinished Job of another run: an operator that died mid-run, or the command line.
    createJobOf(client, "shop", RunId.of("elsewhere"));
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder().executorOptions(fast)
        .retryDelay(Duration.ofSeconds(7)).build();

    UpdateControl<BackupSchedule> busy = reconciler.reconcile(schedule, contextOf(client));

    assertThat(busy.getScheduleDelay()).contains(Duration.ofSeconds(7).toMillis());
    assertThat(busy.getResource().orElseThrow().getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("NamespaceBusy");
      assertThat(ready.getMessage()).contains("Job shop/k8up-rwo-elsewhere-orphan of run elsewhere");
    });
    assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).as("only the other run's")
        .hasSize(1);
    assertThat(client.v1().events().inNamespace("ops").list().getItems()).as("looked at every retry: no Event")
        .isEmpty();

    // The Job controller ends the other run's Job too: then the schedule runs.
    try (JobController jobController = new JobController(client, "shop", "Complete")) {
      BackupSchedule stored = applyStatus(client, busy);
      awaitAllJobsFinished(client, "shop");
      UpdateControl<BackupSchedule> ran = reconciler.reconcile(stored, contextOf(client));
      assertThat(ran.isPatchStatus()).isTrue();
      assertThat(ran.getResource().orElseThrow().getStatus().getOutcomes()).singleElement()
          .extracting(ClaimOutcome::getStatus).isEqualTo("SUCCEEDED");
    }
  }

  @Test
  void anInvalidScheduleSaysWhatToFixAndRunsNothing() {
    KubernetesClient client = api.client();
    BackupSchedule schedule = Cluster.schedule(client, "nightly", "shop");
    schedule.getSpec().setStrategyOrder(List.of("no-such-strategy"));

    UpdateControl<BackupSchedule> control = BackupScheduleReconciler.builder().build()
        .reconcile(schedule, contextOf(client));

    assertThat(control.getScheduleDelay()).as("retrying cannot help").isEmpty();
    assertThat(control.getResource().orElseThrow().getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getType()).isEqualTo("Ready");
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("InvalidSpec");
      assertThat(ready.getMessage()).contains("no-such-strategy");
    });
    assertThat(client.batch().v1().jobs().inNamespace("shop").list().getItems()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Context<BackupSchedule> contextOf(KubernetesClient client) {
    Context<BackupSchedule> context = mock(Context.class);
    when(context.getClient()).thenReturn(client);
    return context;
  }

  /** Writes the status the reconciler returned, as the SDK does, and reads the schedule back. */
  private static BackupSchedule applyStatus(KubernetesClient client, UpdateControl<BackupSchedule> control) {
    BackupSchedule schedule = control.getResource().orElseThrow();
    client.resource(schedule).updateStatus();
    return client.resources(BackupSchedule.class).inNamespace("ops").withName(schedule.getMetadata().getName()).get();
  }

  private static void awaitAllJobsFinished(KubernetesClient client, String namespace) throws InterruptedException {
    CountDownLatch finished = new CountDownLatch(1);
    while (client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
        .anyMatch(job -> job.getStatus() == null || job.getStatus().getConditions() == null
            || job.getStatus().getConditions().isEmpty())) {
      finished.await(20, TimeUnit.MILLISECONDS);
    }
  }

  private static void awaitJobIn(KubernetesClient client, String namespace) throws InterruptedException {
    CountDownLatch created = new CountDownLatch(1);
    while (client.batch().v1().jobs().inNamespace(namespace).list().getItems().isEmpty()) {
      created.await(20, TimeUnit.MILLISECONDS);
    }
  }
}

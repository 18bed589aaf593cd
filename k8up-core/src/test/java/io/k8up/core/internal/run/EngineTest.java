package io.k8up.core.internal.run;

import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.k8up.core.kube.KubeGateway;
import io.k8up.core.kube.RetryPolicy;
import io.k8up.core.kube.RetryingGateway;
import io.k8up.core.kube.WireForm;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.ClaimTarget;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.model.Pod;
import io.k8up.core.plan.BackupPlanner;
import io.k8up.core.run.BackupExecutor;
import io.k8up.core.run.BackupReport;
import io.k8up.core.run.ExecutorOptions;
import io.k8up.core.run.Outcome;
import io.k8up.core.run.OutcomeReason;
import io.k8up.core.run.OutcomeStatus;
import io.k8up.core.run.ProgressEvent;
import io.k8up.core.run.SnapshotSource;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.spi.BackupUnit;
import io.k8up.core.spi.ResourceType;
import io.k8up.core.spi.RunContext;
import io.k8up.core.spi.RunId;
import io.k8up.core.spi.Support;
import io.k8up.core.spi.VolumeAccessStrategy;
import io.k8up.core.spi.Workflow;
import io.k8up.core.spi.support.JobSteps;
import io.k8up.core.testing.FakeClock;
import io.k8up.core.testing.Fixtures;
import io.k8up.core.testing.InMemoryGateway;
import io.k8up.core.testing.SimulatedCluster;
import io.k8up.core.testing.TestStrategy;
import io.kubernetes.client.openapi.models.V1Job;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine without HTTP: an in-memory API server, simulated controllers and a fake clock that
 * moves only when the run loop waits. Shared by the engine's transition tests and its properties.
 */
abstract class EngineTest {

  static final RunId RUN = RunId.of("test");
  static final BackupToolSpec TOOL = BackupToolSpec.restic("repo").build();
  static final List<String> NODES = List.of("node-1", "node-2", "node-3");

  /** A Job per unit, pinned by a hostname selector to the node its placement names, if one. */
  static final VolumeAccessStrategy PINNED_JOBS = new VolumeAccessStrategy() {
    private final TestStrategy jobs = TestStrategy.nodeFree("jobs", target -> true, "");

    @Override
    public String id() {
      return "jobs";
    }

    @Override
    public Support supports(ClaimTarget target, ClusterSnapshot snapshot) {
      return Support.supported();
    }

    @Override
    public boolean requiresNode() {
      return false;
    }

    @Override
    public Workflow workflow(BackupUnit unit, RunContext context) {
      V1Job job = (V1Job) jobs.workflow(unit, context).manifests().get(0);
      unit.placement().node().ifPresent(node ->
          job.getSpec().getTemplate().getSpec().nodeSelector(Map.of("kubernetes.io/hostname", node)));
      return Workflow.of(JobSteps.backup(job, context.runId()));
    }
  };

  static final BackupPlanner PLANNER = BackupPlanner.builder().strategies(List.of(PINNED_JOBS)).build();

  static final ExecutorOptions OPTIONS = ExecutorOptions.builder()
      .pollInterval(Duration.ofSeconds(2))
      .unschedulableTimeout(Duration.ofSeconds(30))
      .unitTimeout(Duration.ofMinutes(30))
      .build();

  final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  final InMemoryGateway api = new InMemoryGateway(clock);
  final List<ProgressEvent> events = new ArrayList<>();

  /** Claims by node; a claim on no node ({@code null}) is a shared one, placed anywhere. */
  static ClusterSnapshot claims(Map<String, String> nodeByClaim) {
    List<Claim> claims = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    nodeByClaim.forEach((claim, node) -> {
      claims.add(boundClaim(claim, node == null ? AccessMode.READ_WRITE_MANY : AccessMode.READ_WRITE_ONCE).build());
      volumes.add(volumeFor(claim).build());
      if (node != null) {
        pods.add(runningPod("app-" + claim, node, claim).build());
      }
    });
    return ClusterSnapshot.of(claims, volumes, pods)
        .withNodes(NODES.stream().<Node>map(node -> Fixtures.node(node).build()).toList());
  }

  /** A cluster of {@link #NODES} whose backups each take {@code duration}. */
  SimulatedCluster cluster(Duration duration) {
    return new SimulatedCluster(api, clock, NAMESPACE, NODES, job -> duration.toMillis());
  }

  /** Runs {@code snapshot}'s plan to its end; re-plans read {@code fresh}. */
  BackupReport run(SimulatedCluster cluster, ClusterSnapshot snapshot, ExecutorOptions options,
      SnapshotSource fresh) {
    return loop(gateway(), cluster::pass, options, fresh).run(PLANNER.plan(snapshot), snapshot);
  }

  /** The gateway the engine uses: the in-memory one, retried as the options say, without waiting. */
  KubeGateway gateway() {
    return RetryingGateway.of(api, RetryPolicy.of(OPTIONS.apiAttempts(), OPTIONS.apiBackoff()), duration -> { });
  }

  /** An executor built as a library user would, on the test's clock: {@code pause} moves time on. */
  BackupExecutor loop(KubeGateway gateway, RetryingGateway.Sleeper pause, ExecutorOptions options,
      SnapshotSource fresh) {
    return BackupExecutor.builder().gateway(gateway).planner(PLANNER).tool(TOOL).runId(RUN).options(options)
        .snapshots(fresh)
        .sink(target -> {
          throw new IOException("no backup commands here");
        })
        .listener(events::add)
        .clock(clock, pause)
        .build();
  }

  /** What the run left in the namespace, of the kinds it creates, with the pods of its Jobs. */
  List<JsonObject> left() {
    List<JsonObject> left = new ArrayList<>(api.all(ResourceType.JOB, NAMESPACE));
    left.addAll(api.all(ResourceType.POD, NAMESPACE));
    return left;
  }

  /** A Job as an earlier process of this run created it, for {@code snapshot}'s first unit. */
  JsonObject earlierProcessesJob(ClusterSnapshot snapshot) {
    BackupUnit unit = io.k8up.core.run.BackupUnits.of(PLANNER.plan(snapshot), io.k8up.core.spi.Grouping.PER_CLAIM,
        PLANNER.strategies()).get(0);
    return api.put(ResourceType.JOB, WireForm.of(PINNED_JOBS.workflow(unit, RunContext.of(RUN, TOOL, snapshot))
        .manifests().get(0)));
  }

  static Outcome only(BackupReport report) {
    assertThat(report.outcomes()).hasSize(1);
    return report.outcomes().get(0);
  }

  /** A pause that lets the cluster run until the {@code n}th wait, then interrupts the run. */
  static RetryingGateway.Sleeper interruptAt(SimulatedCluster cluster, int n) {
    AtomicInteger waits = new AtomicInteger();
    return duration -> {
      if (waits.incrementAndGet() >= n) {
        throw new InterruptedException();
      }
      cluster.pass(duration);
    };
  }

  static SnapshotSource same(ClusterSnapshot snapshot) {
    return namespaces -> snapshot;
  }

  static Optional<InMemoryGateway.Fault> none() {
    return Optional.empty();
  }

  static void assertStatus(Outcome outcome, OutcomeStatus status, OutcomeReason reason) {
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(status);
    assertThat(outcome.reason()).as(outcome.message()).isEqualTo(reason);
  }
}

package io.k8up.core.run;

import static io.k8up.core.run.BackupExecutorTest.FAST;
import static io.k8up.core.run.BackupExecutorTest.PLANNER;
import static io.k8up.core.run.BackupExecutorTest.TOOL;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.volumeFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.model.AccessMode;
import io.k8up.core.model.Claim;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.model.Node;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.snapshot.ClusterSnapshot;
import io.k8up.core.spi.RunId;
import io.k8up.core.testing.FakeJobController;
import io.k8up.core.testing.FakeJobController.Verdict;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1NodeSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NodeSelectorTerm;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-node limit holds for backup pods the scheduler places and for pods pinned by a hostname
 * that is not the node's name, against the mock API server with a fake scheduler that binds each
 * Job's pod to the first node its affinity allows.
 */
@Timeout(30)
class NodeLimitExecutionTest {

  private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

  @RegisterExtension final MockApiServer api = new MockApiServer();

  /** For each Job, the node its pod was bound to. */
  private final Map<String, String> nodeByJob = new ConcurrentHashMap<>();
  /** For each Job, the nodes its affinity kept it off. */
  private final Map<String, Set<String>> excludedByJob = new ConcurrentHashMap<>();

  @Test
  void aPodTheSchedulerPlacesCountsAgainstItsNodeAndTheNextIsKeptOffFullNodes() throws Exception {
    List<Claim> claims = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    for (String name : List.of("shared-1", "shared-2", "shared-3")) {
      claims.add(boundClaim(name, AccessMode.READ_WRITE_MANY).build());
      volumes.add(volumeFor(name).build());
    }
    // The Nodes were read: the run knows there are other nodes to steer to. (Without them it keeps a
    // scheduled pod to the nodes it knows of: see EngineTransitionsTest.)
    ClusterSnapshot snapshot = ClusterSnapshot.of(claims, volumes, List.of())
        .withNodes(NODES.stream().<Node>map(name -> Node.builder().name(name).build()).toList());
    ExecutorOptions onePerNode = ExecutorOptions.builder().from(FAST).maxConcurrent(3).maxPerNode(1).build();

    BackupReport report;
    List<Set<String>> samples;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE, schedulerThenComplete(6))) {
      report = executor(onePerNode).run(PLANNER.plan(snapshot), snapshot);
      samples = controller.samples();
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    assertThat(samples).allSatisfy(this::assertOnePerNode);
    assertThat(new TreeSet<>(nodeByJob.values())).as("the scheduler was steered off busy nodes")
        .hasSizeGreaterThan(1);
    assertThat(excludedByJob.values()).as("a later Job is kept off the node of an earlier one")
        .anySatisfy(excluded -> assertThat(excluded).isNotEmpty());
  }

  @Test
  void aPodPinnedByHostnameCountsAgainstItsNodeBeforeAndAfterItIsPlaced() throws Exception {
    // As on EKS: the node's name is not its hostname label; the Nodes were read.
    List<Claim> claims = new ArrayList<>();
    List<PersistentVolume> volumes = new ArrayList<>();
    for (String name : List.of("logs-1", "logs-2", "logs-3")) {
      claims.add(boundClaim(name, AccessMode.READ_WRITE_ONCE)
          .annotations(Map.of(K8upAnnotations.HOSTNAME, "worker-1")).build());
      volumes.add(volumeFor(name).build());
    }
    Node node = Node.builder().name("ip-10-0-0-1.ec2.internal").hostname("worker-1").build();
    ClusterSnapshot snapshot = ClusterSnapshot.of(claims, volumes, List.of()).withNodes(List.of(node));
    ExecutorOptions onePerNode = ExecutorOptions.builder().from(FAST).maxConcurrent(3).maxPerNode(1).build();

    BackupReport report;
    List<Set<String>> samples;
    try (FakeJobController controller = FakeJobController.start(api.client(), NAMESPACE,
        bindTo(node.name(), 6))) {
      report = executor(onePerNode).run(PLANNER.plan(snapshot), snapshot);
      samples = controller.samples();
    }

    assertThat(report.allBackupsSucceeded()).isTrue();
    assertThat(samples).as("one backup at a time on the node, also once its pod is placed")
        .allSatisfy(sample -> assertThat(sample).hasSizeLessThanOrEqualTo(1));
    assertThat(report.outcomes()).allSatisfy(outcome -> assertThat(outcome.node()).contains(node.name()));
  }

  private void assertOnePerNode(Set<String> jobs) {
    Map<String, Integer> perNode = new TreeMap<>();
    jobs.stream().map(nodeByJob::get).filter(java.util.Objects::nonNull)
        .forEach(name -> perNode.merge(name, 1, Integer::sum));
    assertThat(perNode.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
  }

  private BackupExecutor executor(ExecutorOptions options) {
    return BackupExecutor.builder().client(api.client()).planner(PLANNER).tool(TOOL).runId(RunId.of("limits"))
        .options(options).build();
  }

  // Binds each new Job's pod to the first node its required affinity allows, then completes it.
  private FakeJobController.Script schedulerThenComplete(int looks) {
    return (job, seen) -> {
      if (seen == 1) {
        Set<String> excluded = excludedNodes(job);
        excludedByJob.put(job.getMetadata().getName(), excluded);
        String target = NODES.stream().filter(name -> !excluded.contains(name)).findFirst().orElseThrow();
        bind(api.client(), job, target);
      }
      return seen >= looks ? Verdict.COMPLETE : Verdict.KEEP_RUNNING;
    };
  }

  private FakeJobController.Script bindTo(String node, int looks) {
    return (job, seen) -> {
      if (seen == 1) {
        bind(api.client(), job, node);
      }
      return seen >= looks ? Verdict.COMPLETE : Verdict.KEEP_RUNNING;
    };
  }

  private void bind(ApiClient client, V1Job job, String node) throws ApiException {
    nodeByJob.put(job.getMetadata().getName(), node);
    new CoreV1Api(client).createNamespacedPod(NAMESPACE, new V1Pod().apiVersion("v1").kind("Pod")
        .metadata(new V1ObjectMeta().namespace(NAMESPACE).name(job.getMetadata().getName() + "-pod")
            .labels(job.getSpec().getTemplate().getMetadata().getLabels()))
        .spec(new V1PodSpec().nodeName(node).containers(List.of(new V1Container().name("backup").image("i"))))
        .status(new V1PodStatus().phase("Running"))).execute();
  }

  private static Set<String> excludedNodes(V1Job job) {
    Set<String> excluded = new TreeSet<>();
    V1PodSpec spec = job.getSpec().getTemplate().getSpec();
    if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
        || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return excluded;
    }
    for (V1NodeSelectorTerm term : spec.getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
      for (V1NodeSelectorRequirement field : term.getMatchFields()) {
        assertThat(field.getKey()).isEqualTo("metadata.name");
        assertThat(field.getOperator()).isEqualTo("NotIn");
        assertThat(field.getValues()).as("a node field selector takes one value").hasSize(1);
        excluded.addAll(field.getValues());
      }
    }
    return excluded;
  }
}

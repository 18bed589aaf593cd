package io.k8up.examples.josdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.k8up.core.run.ExecutorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code deploy/rbac.yaml} grants every request the reconciler makes for a run and a cleanup of a
 * schedule by namespace and one by namespace selector, and its backup, PersistentVolume and
 * Namespace roles hold nothing such a scenario leaves unused. The requests
 * are recorded on the mock API server, each mapped to the permission it needs.
 */
@Timeout(60)
class RbacTest {

  static final Path RBAC = Path.of("deploy", "rbac.yaml");
  private static final String OPERATOR = "k8up-rwo-operator";
  /** Granted for what this scenario does not meet: a Job's pod that does not start (job-per-pvc.yaml). */
  private static final Set<String> NOT_EXERCISED = Set.of("events:list");

  @RegisterExtension final MockApiServer api = new MockApiServer();

  @Test
  void theRolesGrantWhatARunAndACleanupNeedAndTheBackupRolesNoMore() throws Exception {
    Cluster.claimInUse(api.client(), "shop");
    Cluster.namespace(api.client(), "stock", Map.of("backup", "hourly"));
    Cluster.claimInUse(api.client(), "stock");
    BackupSchedule byName = Cluster.schedule(api.client(), "nightly", "shop");
    BackupSchedule byLabel = Cluster.scheduleSelecting(api.client(), "hourly", Map.of("backup", "hourly"));
    api.takeRecorded(OPERATOR);
    BackupScheduleReconciler reconciler = BackupScheduleReconciler.builder()
        .executorOptions(ExecutorOptions.builder().pollInterval(Duration.ofMillis(20)).build()).build();

    List<RecordedRequest> requests;
    try (KubernetesClient operator = api.clientAs(OPERATOR);
        JobController shop = new JobController(api.client(), "shop", "Complete");
        JobController stock = new JobController(api.client(), "stock", "Complete")) {
      Context<BackupSchedule> context = contextOf(operator);
      for (BackupSchedule schedule : List.of(byName, byLabel)) {
        BackupSchedule stored = reconciler.reconcile(schedule, context).getResource().orElseThrow();
        reconciler.cleanup(stored, context);
      }
      requests = api.takeRecorded(OPERATOR);
    }

    Map<String, Set<String>> granted = grantsByRole(api.client());
    // Discovery (GET /version, /api/v1, /apis/GROUP/VERSION) is open to every authenticated user
    // (the system:discovery ClusterRole): no role here grants it.
    assertThat(requests).extracting(RecordedRequest::getPath).contains("/version", "/api/v1");
    Set<String> needed = requests.stream().filter(request -> !isDiscovery(request)).map(RbacTest::permission)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> grantedAnywhere = granted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
    assertThat(needed).as("add these to %s", RBAC).isSubsetOf(grantedAnywhere)
        .contains("batch/jobs:create", "batch/jobs:delete", "persistentvolumes:list", "events:create",
            "namespaces:list");
    for (String role : List.of("k8up-rwo-operator-backups", "k8up-rwo-operator-persistentvolumes",
        "k8up-rwo-operator-namespaces")) {
      Set<String> unused = new TreeSet<>(granted.get(role));
      unused.removeAll(needed);
      unused.removeAll(NOT_EXERCISED);
      assertThat(unused).as("%s in %s grants what the reconciler never asks for: remove it", role, RBAC).isEmpty();
    }
  }

  /** ClusterRole name to the {@code group/resource:verb} permissions it grants (core group: no prefix). */
  static Map<String, Set<String>> grantsByRole(KubernetesClient client) throws IOException {
    Map<String, Set<String>> grants = new TreeMap<>();
    try (InputStream in = Files.newInputStream(RBAC)) {
      for (HasMetadata object : client.load(in).items()) {
        if (object instanceof ClusterRole role) {
          Set<String> permissions = new TreeSet<>();
          role.getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources()
              .forEach(resource -> rule.getVerbs().forEach(verb ->
                  permissions.add((group.isEmpty() ? "" : group + "/") + resource + ":" + verb)))));
          grants.put(role.getMetadata().getName(), permissions);
        }
      }
    }
    return grants;
  }

  static boolean isDiscovery(RecordedRequest request) {
    return request.getMethod().equals("GET") && request.getPath().matches("/version|/api/v1|/apis/[^/?]+/[^/?]+");
  }

  /** The permission a request needs, e.g. {@code DELETE /apis/batch/v1/namespaces/shop/jobs/x} is {@code batch/jobs:delete}. */
  static String permission(RecordedRequest request) {
    String[] pathAndQuery = request.getPath().split("\\?", 2);
    List<String> segments = Arrays.asList(pathAndQuery[0].replaceFirst("^/", "").split("/"));
    boolean core = segments.get(0).equals("api");
    String group = core ? "" : segments.get(1) + "/";
    List<String> rest = segments.subList(core ? 2 : 3, segments.size());
    if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    boolean named = rest.size() > 1;
    String query = pathAndQuery.length > 1 ? pathAndQuery[1] : "";
    String verb = switch (request.getMethod()) {
      case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "DELETE" -> named ? "delete" : "deletecollection";
      case "PATCH" -> "patch";
      case "PUT" -> "update";
      default -> throw new AssertionError("map HTTP method " + request.getMethod() + " to an RBAC verb here");
    };
    return group + resource + ":" + verb;
  }

  @SuppressWarnings("unchecked")
  private static Context<BackupSchedule> contextOf(KubernetesClient client) {
    Context<BackupSchedule> context = mock(Context.class);
    when(context.getClient()).thenReturn(client);
    return context;
  }
}

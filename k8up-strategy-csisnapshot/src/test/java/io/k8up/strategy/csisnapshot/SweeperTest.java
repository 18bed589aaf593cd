package io.k8up.strategy.csisnapshot;

import io.k8up.core.spi.BackupToolSpec;

import io.k8up.core.spi.Grouping;

import io.k8up.core.spi.RunId;

import io.k8up.core.spi.RunContext;

import io.k8up.core.spi.BackupUnit;

import static io.k8up.strategy.csisnapshot.SnapshotExecutionTest.PLANNER;
import static io.k8up.strategy.csisnapshot.SnapshotExecutionTest.UNPLACEABLE;
import static io.k8up.core.testing.Fixtures.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.k8up.core.kube.ClientJavaGateway;
import io.k8up.core.run.Sweeper;
import io.k8up.core.run.SweepReport;
import io.k8up.core.run.BackupUnits;
import io.k8up.core.model.K8upAnnotations;
import io.k8up.core.testing.MockApiServer;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sweeping what a run left when its process died mid-flow. */
class SweeperTest {

  private static final String SNAPSHOT_LIST = "/apis/snapshot.storage.k8s.io/v1/namespaces/" + NAMESPACE
      + "/volumesnapshots?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dk8up-rwo&limit=500&watch=false";

  @RegisterExtension final MockApiServer api = new MockApiServer();

  /** What run {@code runId} had created when it was killed: snapshot, temporary claim and Job. */
  private SnapshotObjects leftBy(String runId) throws ApiException {
    BackupUnit unit = BackupUnits.of(PLANNER.plan(UNPLACEABLE), Grouping.PER_CLAIM, PLANNER.strategies()).get(0);
    SnapshotObjects objects = SnapshotObjects.of(PLANNER.strategies().get(0)
        .workflow(unit, RunContext.of(RunId.of(runId), BackupToolSpec.restic("repo").build(), UNPLACEABLE)));
    new CustomObjectsApi(api.client()).createNamespacedCustomObject("snapshot.storage.k8s.io", "v1", NAMESPACE,
        "volumesnapshots", objects.volumeSnapshot().getRaw()).execute();
    new CoreV1Api(api.client()).createNamespacedPersistentVolumeClaim(NAMESPACE, objects.temporaryClaim()).execute();
    new BatchV1Api(api.client()).createNamespacedJob(NAMESPACE, objects.job()).execute();
    return objects;
  }

  @Test
  void aKilledRunsSnapshotClaimAndJobAreDeletedAndNothingElse() throws Exception {
    leftBy("killed");
    leftBy("running");
    new CoreV1Api(api.client()).createNamespacedPersistentVolumeClaim(NAMESPACE, new V1PersistentVolumeClaim()
        .apiVersion("v1").kind("PersistentVolumeClaim")
        .metadata(new V1ObjectMeta().name("app-data").namespace(NAMESPACE))
        .spec(new V1PersistentVolumeClaimSpec().accessModes(List.of("ReadWriteOnce")))).execute();

    SweepReport report = Sweeper.sweep(api.client(), List.of(NAMESPACE), Optional.of(RunId.of("killed")), Duration.ZERO);

    assertThat(report.deleted()).hasSize(3).allMatch(object -> object.contains("k8up-rwo-killed-"));
    assertThat(report.failed()).isEmpty();
    assertThat(names(new CoreV1Api(api.client()).listNamespacedPersistentVolumeClaim(NAMESPACE).execute().getItems()))
        .as("the application's claim and the running run's are left").hasSize(2).contains("app-data");
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).extracting(V1Job::getMetadata)
        .extracting(V1ObjectMeta::getName).allMatch(name -> name.startsWith("k8up-rwo-running-"));
  }

  @Test
  void aSweepListsInPagesOfThePageSizeGiven() throws Exception {
    leftBy("killed");
    api.takeRequests();

    SweepReport report = Sweeper.sweep(ClientJavaGateway.of(api.client()), PLANNER.strategies(), List.of(NAMESPACE),
        Optional.of(RunId.of("killed")), Duration.ZERO, 2);

    assertThat(report.deleted()).hasSize(3);
    assertThat(api.takeRequests()).filteredOn(request -> request.startsWith("GET ") && request.contains("labelSelector"))
        .hasSize(3).allMatch(request -> request.contains("limit=2"), "asks for pages of 2");
  }

  @Test
  void objectsYoungerThanTheThresholdAreLeftToTheirRun() throws Exception {
    leftBy("recent");

    SweepReport report = Sweeper.sweep(api.client(), List.of(NAMESPACE), Optional.empty(), Duration.ofHours(2));

    assertThat(report.deleted()).isEmpty();
    assertThat(new BatchV1Api(api.client()).listNamespacedJob(NAMESPACE).execute().getItems()).hasSize(1);
  }

  @Test
  void snapshotsLabelledKeepAreNeverDeleted() throws Exception {
    SnapshotObjects objects = leftBy("old");
    CustomObjectsApi custom = new CustomObjectsApi(api.client());
    String name = objects.volumeSnapshot().getMetadata().getName();
    Map<String, Object> snapshot = asMap(custom.getNamespacedCustomObject("snapshot.storage.k8s.io", "v1", NAMESPACE,
        "volumesnapshots", name).execute());
    asMap(asMap(snapshot.get("metadata")).get("labels")).put(K8upAnnotations.KEEP_LABEL, "true");
    custom.replaceNamespacedCustomObject("snapshot.storage.k8s.io", "v1", NAMESPACE, "volumesnapshots", name, snapshot)
        .execute();

    SweepReport report = Sweeper.sweep(api.client(), List.of(NAMESPACE), Optional.empty(), Duration.ZERO);

    assertThat(report.deleted()).hasSize(2);
    assertThat(report.kept()).singleElement().asString().contains("VolumeSnapshot shop/" + name, "k8up.io/keep");
  }

  @Test
  void aClusterWithoutSnapshotCrdsIsSweptWithoutComplaint() throws Exception {
    api.server().expect().get().withPath(SNAPSHOT_LIST).andReturn(404, "{}").always();

    SweepReport report = Sweeper.sweep(api.client(), List.of(NAMESPACE), Optional.empty(), Duration.ZERO);

    assertThat(report.failed()).isEmpty();
    assertThat(report.apiRequests()).isEqualTo(3);
    assertThat(api.takeRequests()).as("the 404 was the answer to the snapshots' list").contains("GET " + SNAPSHOT_LIST);
  }

  @Test
  void aSnapshotLabelledKeepBetweenTheListAndTheDeleteIsKept() throws Exception {
    SnapshotObjects objects = leftBy("old");
    String name = objects.volumeSnapshot().getMetadata().getName();
    // The sweep lists the snapshot as it was; then its owner labels it to be kept.
    JsonObject listed = new JsonObject();
    listed.addProperty("apiVersion", "snapshot.storage.k8s.io/v1");
    listed.addProperty("kind", "VolumeSnapshotList");
    JsonArray items = new JsonArray();
    items.add(objects.volumeSnapshot().getRaw().deepCopy());
    listed.add("items", items);
    api.server().expect().get().withPath(SNAPSHOT_LIST).andReturn(200, listed.toString()).once();
    CustomObjectsApi custom = new CustomObjectsApi(api.client());
    Map<String, Object> snapshot = asMap(custom.getNamespacedCustomObject("snapshot.storage.k8s.io", "v1", NAMESPACE,
        "volumesnapshots", name).execute());
    asMap(asMap(snapshot.get("metadata")).get("labels")).put(K8upAnnotations.KEEP_LABEL, "true");
    custom.replaceNamespacedCustomObject("snapshot.storage.k8s.io", "v1", NAMESPACE, "volumesnapshots", name, snapshot)
        .execute();
    // A real server refuses the delete, as the object changed since it was listed; the mock is told to.
    api.server().expect().delete().withPath("/apis/snapshot.storage.k8s.io/v1/namespaces/" + NAMESPACE
        + "/volumesnapshots/" + name).andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"message\":"
            + "\"Precondition failed: ResourceVersion in precondition\"}").once();

    SweepReport report = Sweeper.sweep(api.client(), List.of(NAMESPACE), Optional.empty(), Duration.ZERO);

    assertThat(report.failed()).isEmpty();
    assertThat(report.deleted()).hasSize(2);
    assertThat(report.kept()).singleElement().asString().contains("VolumeSnapshot shop/" + name, "k8up.io/keep");
    assertThat(custom.getNamespacedCustomObject("snapshot.storage.k8s.io", "v1", NAMESPACE, "volumesnapshots", name)
        .execute()).isNotNull();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object object) {
    return (Map<String, Object>) object;
  }

  private static List<String> names(List<V1PersistentVolumeClaim> claims) {
    return claims.stream().map(claim -> claim.getMetadata().getName()).toList();
  }
}

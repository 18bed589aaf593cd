package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.k8up.core.model.SnapshotClass;
import io.k8up.core.testing.MockApiServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LiveSnapshots#readSnapshotClasses}: one list request; no snapshot CRDs means no classes. */
class LiveSnapshotClassesTest {

  private static final String PATH = "/apis/snapshot.storage.k8s.io/v1/volumesnapshotclasses?limit=500&watch=false";

  // As a real server answers: fields this library does not read, and one it cannot know yet.
  private static final String LIST = """
      {"apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshotClassList",
       "metadata": {"resourceVersion": "7"},
       "items": [
         {"apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshotClass",
          "metadata": {"name": "ebs-snapshots", "uid": "u-1", "creationTimestamp": "2024-01-01T00:00:00Z",
                       "annotations": {"snapshot.storage.kubernetes.io/is-default-class": "true"}},
          "driver": "ebs.csi.aws.com", "deletionPolicy": "Delete", "fieldFromTheFuture": {}},
         {"apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshotClass",
          "metadata": {"name": "ebs-retained"},
          "driver": "ebs.csi.aws.com", "deletionPolicy": "Retain", "parameters": {"type": "gp3"}}
       ]}
      """;

  @RegisterExtension final MockApiServer api = new MockApiServer();

  @Test
  void readsEveryClassWithOneRequest() throws Exception {
    api.server().expect().get().withPath(PATH).andReturn(200, LIST).always();

    List<SnapshotClass> classes = LiveSnapshots.readSnapshotClasses(api.client());

    assertThat(api.takeRequests()).containsExactly("GET " + PATH);
    assertThat(classes).containsExactly(
        SnapshotClass.builder().name("ebs-snapshots").driver("ebs.csi.aws.com")
            .putAnnotations(SnapshotClass.DEFAULT_CLASS_ANNOTATION, "true").build(),
        SnapshotClass.builder().name("ebs-retained").driver("ebs.csi.aws.com").build());
    assertThat(ClusterSnapshot.empty().withSnapshotClasses(classes).snapshotClasses())
        .extracting(SnapshotClass::name).containsExactly("ebs-retained", "ebs-snapshots");
  }

  @Test
  void clusterWithoutTheSnapshotCrdsHasNoClasses() throws Exception {
    api.server().expect().get().withPath(PATH)
        .andReturn(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"the server could not find the requested resource\",\"reason\":\"NotFound\","
            + "\"code\":404}")
        .always();

    assertThat(LiveSnapshots.readSnapshotClasses(api.client())).isEmpty();
  }

  @Test
  void emptyListHasNoClasses() throws Exception {
    api.server().expect().get().withPath(PATH)
        .andReturn(200, "{\"kind\":\"VolumeSnapshotClassList\",\"items\":[]}").always();

    assertThat(LiveSnapshots.readSnapshotClasses(api.client())).isEmpty();
  }

  @Test
  void forbiddenListNamesTheVerbResourceAndGroupToGrant() {
    api.server().expect().get().withPath(PATH)
        .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"volumesnapshotclasses is forbidden\"}")
        .always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.readSnapshotClasses(api.client()));

    assertThat(e).hasMessage("forbidden: cannot list volumesnapshotclasses.snapshot.storage.k8s.io"
        + " (cluster-scoped); grant \"list\" on volumesnapshotclasses (apiGroup snapshot.storage.k8s.io)");
  }

  @Test
  void classWithoutADriverIsReportedWithItsIndex() {
    api.server().expect().get().withPath(PATH)
        .andReturn(200, "{\"items\":[{\"metadata\":{\"name\":\"a\"},\"driver\":\"d\"},"
            + "{\"metadata\":{\"name\":\"b\"}}]}")
        .always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.readSnapshotClasses(api.client()));

    assertThat(e).hasMessage("the API server listed volumesnapshotclasses with items[1]: driver is missing");
  }

  @Test
  void driverOfTheWrongTypeIsNamedWithItsPath() {
    api.server().expect().get().withPath(PATH)
        .andReturn(200, "{\"items\":[{\"metadata\":{\"name\":\"a\"},\"driver\":[\"d\"]}]}").always();

    SnapshotException e = catchThrowableOfType(
        SnapshotException.class, () -> LiveSnapshots.readSnapshotClasses(api.client()));

    assertThat(e).hasMessage("the API server listed volumesnapshotclasses with items[0].driver: expected a string");
  }

  @Test
  void readAndReadWithNodesNeverListClasses() throws Exception {
    LiveSnapshots.read(api.client(), List.of("shop"));
    LiveSnapshots.readWithNodes(api.client(), List.of("shop"));

    assertThat(api.takeRequests()).noneMatch(request -> request.contains("snapshot.storage.k8s.io"));
  }
}

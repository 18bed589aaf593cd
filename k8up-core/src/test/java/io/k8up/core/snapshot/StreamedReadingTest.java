package io.k8up.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.k8up.core.model.Pod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the streaming reader handles lists and skipped kinds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamedReadingTest {

  private static ClusterSnapshot read(String text) throws SnapshotException {
    return SnapshotFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void itemsOfATypedListWhoseKindComesAfterThemWaitForIt() throws Exception {
    String json = "{\"apiVersion\": \"v1\", \"items\": [{\"metadata\": {\"name\": \"p\", \"namespace\": \"s\"}}],"
        + " \"kind\": \"PodList\", \"metadata\": {}}";

    assertThat(read(json).pods()).extracting(Pod::name).containsExactly("p");
  }

  @Test
  void aTypedListOfAnotherKindIsCountedNotKept() throws Exception {
    String json = "{\"apiVersion\": \"apps/v1\", \"items\": [{\"metadata\": {\"name\": \"d\"}}],"
        + " \"kind\": \"DeploymentList\"}";

    ClusterSnapshot snapshot = read(json);

    assertThat(snapshot.pods()).isEmpty();
    assertThat(snapshot.notes()).containsExactly("ignored 1 object of kind Deployment");
  }

  @Test
  void anObjectOfAnotherKindIsSkippedWithoutBeingBuilt() throws Exception {
    // More values than a kept object may hold: only an object that is built counts them.
    String many = "[" + "1,".repeat(300_000) + "1]";
    String skipped = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"},"
        + " \"data\": " + many + "}";
    String kept = "{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolume\", \"metadata\": {\"name\": \"pv\"},"
        + " \"data\": " + many + "}";

    assertThat(read(skipped).notes()).containsExactly("ignored 1 object of kind ConfigMap");
    SnapshotException e = catchThrowableOfType(SnapshotException.class,
        () -> read(kept));
    assertThat(e).hasMessageStartingWith("test.json: holds an object with more than 250000 values");
  }

  @Test
  void anItemThatIsNoMappingIsNamed() {
    SnapshotException e = catchThrowableOfType(SnapshotException.class,
        () -> read("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [[1], \"x\"]}"));

    assertThat(e.problems()).containsExactly(
        "test.json: document 1, items[0] is a list, not a Kubernetes object",
        "test.json: document 1, items[1] is a string, not a Kubernetes object");
  }
}

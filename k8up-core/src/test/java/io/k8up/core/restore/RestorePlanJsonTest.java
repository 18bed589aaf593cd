package io.k8up.core.restore;

import static io.k8up.core.testing.Fixtures.boundClaim;
import static io.k8up.core.testing.Fixtures.runningPod;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.model.AccessMode;
import io.k8up.core.model.PersistentVolume;
import io.k8up.core.snapshot.ClusterSnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restore plan's JSON form holds each decision's request, outcome, placement and new claim. */
class RestorePlanJsonTest {

  @Test
  void writesEachDecisionWithItsRequestAndWhatIsRestoredWhere() {
    ClusterSnapshot cluster = ClusterSnapshot.of(
        List.of(boundClaim("data", AccessMode.READ_WRITE_ONCE).storageClassName("fast").requestedBytes(1024L).build()),
        List.of(PersistentVolume.builder().name("pv-data").build()),
        List.of(runningPod("app-0", "node-a", "data").build()));
    RestorePlan plan = RestorePlanner.builder().build().plan(cluster, List.of(), List.of(
        RestoreRequest.builder().namespace("shop").claim("data").inUse(true)
            .snapshot(SnapshotChoice.asOf(Instant.parse("2026-11-01T10:00:00Z"))).build(),
        RestoreRequest.builder().namespace("shop").claim("data").to("copy")
            .snapshot(SnapshotChoice.id("1a2b3c4d")).build(),
        RestoreRequest.builder().namespace("shop").claim("gone").build()));

    JsonObject json = JsonParser.parseString(RestorePlanJson.toJson(plan)).getAsJsonObject();

    assertThat(json.get("schemaVersion").getAsInt()).isEqualTo(RestorePlan.SCHEMA_VERSION);
    JsonObject inPlace = json.getAsJsonArray("decisions").get(0).getAsJsonObject();
    assertThat(inPlace.get("action").getAsString()).isEqualTo("RESTORE");
    assertThat(inPlace.get("reason").getAsString()).isEqualTo("MOUNTING_POD");
    assertThat(inPlace.getAsJsonObject("placement").get("node").getAsString()).isEqualTo("node-a");
    assertThat(inPlace.getAsJsonObject("snapshot").get("asOf").getAsString()).isEqualTo("2026-11-01T10:00:00Z");
    assertThat(inPlace.get("method").getAsString()).isEqualTo("JOB");
    assertThat(inPlace.getAsJsonArray("mountingPods").get(0).getAsString()).isEqualTo("app-0");
    JsonObject copy = json.getAsJsonArray("decisions").get(1).getAsJsonObject();
    assertThat(copy.get("targetClaim").getAsString()).isEqualTo("copy");
    assertThat(copy.getAsJsonObject("newClaim").get("requestedBytes").getAsLong()).isEqualTo(1024L);
    assertThat(copy.getAsJsonObject("newClaim").get("storageClassName").getAsString()).isEqualTo("fast");
    assertThat(copy.getAsJsonObject("snapshot").get("id").getAsString()).isEqualTo("1a2b3c4d");
    JsonObject gone = json.getAsJsonArray("decisions").get(2).getAsJsonObject();
    assertThat(gone.get("action").getAsString()).isEqualTo("FAIL");
    assertThat(gone.get("reason").getAsString()).isEqualTo("CLAIM_NOT_FOUND");
    assertThat(gone.has("placement")).isFalse();
  }
}

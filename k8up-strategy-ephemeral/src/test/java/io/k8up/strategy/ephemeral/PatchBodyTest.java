package io.k8up.strategy.ephemeral;

import static io.k8up.strategy.ephemeral.EphemeralFixtures.context;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.heldClaim;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.materialize;
import static io.k8up.strategy.ephemeral.EphemeralFixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSet;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8up.core.kube.WireForm;
import io.k8up.core.model.Pod;
import io.k8up.core.spi.BackupToolSpec;
import io.k8up.core.testing.Fixtures;
import io.kubernetes.client.openapi.JSON;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The patch of the pod's {@code ephemeralcontainers} subresource: a Pod with nothing but the
 * container, which holds nothing the API refuses for an ephemeral container. The API server
 * accepts only an allow list of fields there and rejects any other that is set.
 */
class PatchBodyTest {

  /** The fields the API server accepts in an ephemeral container (validation's allow list). */
  private static final Set<String> ALLOWED_FIELDS = ImmutableSet.of(
      "name", "image", "command", "args", "workingDir", "env", "envFrom", "volumeMounts", "volumeDevices",
      "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin",
      "stdinOnce", "tty", "targetContainerName");

  private static final Set<String> SET_FIELDS = ImmutableSet.of(
      "name", "image", "imagePullPolicy", "command", "args", "env", "envFrom", "volumeMounts",
      "securityContext", "terminationMessagePolicy");

  private final BackupToolSpec toolWithResources = BackupToolSpec.restic("repo")
      .putResourceRequests("cpu", "100m")
      .putResourceLimits("memory", "1Gi")
      .build();

  @Test
  void clientJavaWritesAPodWithOnlyTheEphemeralContainer() {
    JsonObject pod = JsonParser.parseString(JSON.serialize(materialization().manifests().get(0))).getAsJsonObject();

    assertThat(pod.keySet()).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec");
    assertThat(pod.get("apiVersion").getAsString()).isEqualTo("v1");
    assertThat(pod.get("kind").getAsString()).isEqualTo("Pod");
    JsonObject metadata = pod.getAsJsonObject("metadata");
    assertThat(setFields(metadata)).containsExactlyInAnyOrder("name", "namespace");
    assertThat(metadata.get("name").getAsString()).isEqualTo("app-0");
    assertThat(metadata.get("namespace").getAsString()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(setFields(pod.getAsJsonObject("spec"))).containsExactly("ephemeralContainers");
    assertThat(pod.getAsJsonObject("spec").getAsJsonArray("ephemeralContainers")).hasSize(1);
  }

  @Test
  void clientJavaWritesAContainerThatSetsOnlyAllowedFieldsEvenWhenTheToolHasResources() {
    JsonObject pod = JsonParser.parseString(JSON.serialize(materialization().manifests().get(0))).getAsJsonObject();
    JsonObject container = pod.getAsJsonObject("spec").getAsJsonArray("ephemeralContainers").get(0).getAsJsonObject();

    // client-java writes every list of its models, empty ones too: "ports": [] is there, but unset.
    assertThat(container.has("resources")).isFalse();
    assertThat(setFields(container)).containsExactlyInAnyOrderElementsOf(SET_FIELDS);
    assertThat(ALLOWED_FIELDS).containsAll(SET_FIELDS);
  }

  @Test
  void executorSendsTheContainerWithNoResourcesNorPorts() {
    // The executor sends the container in this form, with empty lists left out.
    JsonObject container = WireForm.of(materialization().container());

    assertThat(container.keySet()).containsExactlyInAnyOrderElementsOf(SET_FIELDS).doesNotContain("resources", "ports");
    assertThat(container.getAsJsonArray("volumeMounts")).extracting(mount -> mount.getAsJsonObject().keySet())
        .containsExactly(Set.of("name", "mountPath", "readOnly"), Set.of("name", "mountPath", "readOnly"));
    assertThat(container.getAsJsonArray("volumeMounts"))
        .extracting(mount -> mount.getAsJsonObject().get("name").getAsString())
        .containsExactly("vol-data", "vol-logs");
    JsonObject security = container.getAsJsonObject("securityContext");
    assertThat(security.keySet()).containsExactlyInAnyOrder("allowPrivilegeEscalation", "capabilities",
        "readOnlyRootFilesystem", "runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile");
    assertThat(security.getAsJsonObject("capabilities").toString()).isEqualTo("{\"drop\":[\"ALL\"]}");
  }

  private PlannedContainer materialization() {
    Pod app = Fixtures.runningPod("app-0", EphemeralFixtures.NODE, "data", "logs").build();
    return materialize(
        unit(heldClaim("data", true, "app-0"), heldClaim("logs", true, "app-0")), context(toolWithResources, app));
  }

  /** The names of the members that are set: neither null nor an empty list or object. */
  private static Set<String> setFields(JsonObject object) {
    return object.entrySet().stream()
        .filter(member -> !isEmpty(member.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static boolean isEmpty(JsonElement value) {
    return value.isJsonNull()
        || (value.isJsonArray() && value.getAsJsonArray().isEmpty())
        || (value.isJsonObject() && value.getAsJsonObject().isEmpty());
  }
}
